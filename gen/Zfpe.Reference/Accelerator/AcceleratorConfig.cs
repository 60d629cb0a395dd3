using Zfpe.Reference.Codecs;
using Zfpe.Reference.Dense;
using Zfpe.Reference.Float;

namespace Zfpe.Reference.Accelerator;

/// <summary>
/// What decides the bits an accelerator build returns: the PE array's <paramref name="Geometry"/>, the
/// float <paramref name="Format"/> of its cores, the ZFPe <paramref name="Codec"/> of its decompressors and
/// compressor (b, exponent-bits and split are fixed at generation; the rounding is the board
/// compressor's, used on the outputs), and <paramref name="HostRounding"/>, how the host encodes the
/// weights and the first layer's inputs (the decoder does not care, so the host may use <c>nearest</c>
/// with a truncating board). With <paramref name="RawWeights"/> the weights are stored as raw float32
/// (two words each, low half first) and reach the array unchanged: the uncompressed accelerator.
/// </summary>
public sealed record AcceleratorConfig(ArrayGeometry Geometry, SimpleFloatFormat Format, ZfpeParameters Codec, ZfpeRounding HostRounding, bool RawWeights = false)
{
    /// <summary>The host's encoder: the board's format with <see cref="HostRounding"/>.</summary>
    public ZfpeParameters HostCodec => Codec with { Rounding = HostRounding };

    /// <summary>Throws an <see cref="ArgumentException"/> naming the parameter, its value and the allowed range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Geometry);
        ArgumentNullException.ThrowIfNull(Format);
        ArgumentNullException.ThrowIfNull(Codec);
        Geometry.Validate();
        Format.Validate();
        Codec.Validate();
        if (!Enum.IsDefined(HostRounding))
            throw new ArgumentException($"host rounding = {(int)HostRounding} is not allowed: use {ZfpeParameters.RoundingNames}");
    }
}
