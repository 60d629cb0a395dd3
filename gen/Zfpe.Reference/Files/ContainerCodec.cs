using System.Globalization;
using Zfpe.Reference.Codecs;

namespace Zfpe.Reference.Files;

/// <summary>
/// A codec with its parameters, as a .zfpe container records it: either ZFPe or ZFP. Gives both
/// codecs one face so that files, the CLI and the evaluation treat them alike.
/// </summary>
public sealed record ContainerCodec
{
    private ContainerCodec(CodecKind kind, ZfpeParameters? zfpe, ZfpParameters? zfp)
    {
        Kind = kind;
        Zfpe = zfpe;
        Zfp = zfp;
    }

    public CodecKind Kind { get; }

    /// <summary>The ZFPe parameters when <see cref="Kind"/> is ZFPe, else null.</summary>
    public ZfpeParameters? Zfpe { get; }

    /// <summary>The ZFP parameters when <see cref="Kind"/> is ZFP, else null.</summary>
    public ZfpParameters? Zfp { get; }

    public static ContainerCodec ForZfpe(ZfpeParameters parameters) => new(CodecKind.Zfpe, parameters, null);

    public static ContainerCodec ForZfp(ZfpParameters parameters) => new(CodecKind.Zfp, null, parameters);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad parameter, its value and the allowed range.</summary>
    public void Validate()
    {
        if (Kind == CodecKind.Zfpe)
            ZfpeParameters.Validate();
        else
            ZfpParameters.Validate();
    }

    /// <summary>Bytes of the bare block stream for <paramref name="valueCount"/> values.</summary>
    public long CompressedBytes(long valueCount) =>
        Kind == CodecKind.Zfpe ? ZfpeCodec.CompressedBytes(valueCount, ZfpeParameters) : ZfpCodec.CompressedBytes(valueCount, ZfpParameters);

    /// <summary>Bits per value of the block code alone (no container, no padding).</summary>
    public double BitsPerValue => Kind == CodecKind.Zfpe ? ZfpeParameters.BitsPerValue : ZfpParameters.BitsPerValue;

    /// <summary>Compresses to a bare block stream; <paramref name="nonFiniteInput"/> tells whether NaN or ±Inf were replaced.</summary>
    public byte[] Compress(ReadOnlySpan<float> values, out bool nonFiniteInput)
    {
        if (Kind == CodecKind.Zfpe)
            return ZfpeCodec.Compress(values, ZfpeParameters, out nonFiniteInput);
        nonFiniteInput = false;
        foreach (float x in values)
        {
            if (!float.IsFinite(x))
            {
                nonFiniteInput = true;
                break;
            }
        }
        return ZfpCodec.Compress(values, ZfpParameters);
    }

    /// <summary>Decompresses <paramref name="valueCount"/> values from a bare block stream of exactly <see cref="CompressedBytes"/> bytes.</summary>
    public float[] Decompress(ReadOnlySpan<byte> stream, long valueCount) =>
        Kind == CodecKind.Zfpe ? ZfpeCodec.Decompress(stream, valueCount, ZfpeParameters) : ZfpCodec.Decompress(stream, valueCount, ZfpParameters);

    /// <summary>"zfpe b=5 exponent-bits=8 split=28" or "zfp rate=8".</summary>
    public override string ToString() => Kind == CodecKind.Zfpe
        ? $"zfpe b={ZfpeParameters.B} exponent-bits={ZfpeParameters.ExponentBits} split={ZfpeParameters.Split}"
        : $"zfp rate={ZfpParameters.Rate.ToString("R", CultureInfo.InvariantCulture)}";

    private ZfpeParameters ZfpeParameters => Zfpe ?? throw new InvalidOperationException("a ZFPe codec without ZFPe parameters");

    private ZfpParameters ZfpParameters => Zfp ?? throw new InvalidOperationException("a ZFP codec without ZFP parameters");
}
