namespace Zfpe.Reference.Codecs;

/// <summary>
/// ZFP fixed-rate mode for float32 (docs/zfpe-format.md §7): <paramref name="Rate"/> bits per value,
/// fractional rates allowed as zfp allows them; the block size in bits depends on the field's
/// dimensionality.
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

    /// <summary>Bits per 1-D block of 4, as zfp_stream_set_rate computes them: max(9, floor(4 · rate + 0.5)).</summary>
    public int MaxBits => MaxBitsFor(1);

    /// <summary>The rate zfp actually uses in 1-D (what zfp_stream_set_rate returns): MaxBits / 4.</summary>
    public double BitsPerValue => BitsPerValueFor(1);

    /// <summary>Bits per block of 4^d values: max(9, floor(4^d · rate + 0.5)).</summary>
    public int MaxBitsFor(int dimensions)
    {
        if (dimensions is < 1 or > ZfpField.MaxDimensions)
            throw new ArgumentException($"dimensions = {dimensions} is out of range: allowed 1..{ZfpField.MaxDimensions}");
        int values = 1 << (2 * dimensions);
        return Math.Max(1 + ZfpCodec.ExponentBits, (int)Math.Floor(values * Rate + 0.5));
    }

    /// <summary>The rate zfp actually uses in d dimensions: MaxBitsFor(d) / 4^d.</summary>
    public double BitsPerValueFor(int dimensions) => MaxBitsFor(dimensions) / (double)(1 << (2 * dimensions));
}
