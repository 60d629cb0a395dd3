namespace Zfpe.Reference.Codecs;

/// <summary>
/// ZFP fixed-rate mode for 1-D float32 (zfpe-format.md §6): <paramref name="Rate"/> bits per value,
/// fractional rates allowed as zfp allows them.
/// </summary>
public sealed record ZfpParameters(double Rate)
{
    public const double MinRate = 1;
    public const double MaxRate = 32;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the parameter, its value and the allowed range.</summary>
    public void Validate()
    {
        if (!(Rate >= MinRate && Rate <= MaxRate))
            throw new ArgumentException($"rate = {Rate} is out of range: allowed {MinRate}..{MaxRate} bits per value");
    }

    /// <summary>Bits per block of 4, as zfp_stream_set_rate computes them: max(9, floor(4 · rate + 0.5)).</summary>
    public int MaxBits => Math.Max(1 + ZfpCodec.ExponentBits, (int)Math.Floor(ZfpCodec.BlockSize * Rate + 0.5));

    /// <summary>The rate zfp actually uses (what zfp_stream_set_rate returns): MaxBits / 4.</summary>
    public double BitsPerValue => MaxBits / (double)ZfpCodec.BlockSize;
}
