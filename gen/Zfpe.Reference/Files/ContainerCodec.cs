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
        var stream = new byte[CompressedBytes(values.Length)];
        Compress(values, stream, out nonFiniteInput);
        return stream;
    }

    /// <summary>Compresses into <paramref name="destination"/> (at least CompressedBytes long, reusable); returns the bytes written.</summary>
    public int Compress(ReadOnlySpan<float> values, Span<byte> destination, out bool nonFiniteInput) =>
        Kind == CodecKind.Zfpe
            ? ZfpeCodec.Compress(values, destination, ZfpeParameters, out nonFiniteInput)
            : ZfpCodec.Compress(values, destination, ZfpParameters, out nonFiniteInput);

    /// <summary>Decompresses <c>destination.Length</c> values from a stream of exactly CompressedBytes(destination.Length) bytes.</summary>
    public void Decompress(ReadOnlySpan<byte> stream, Span<float> destination)
    {
        if (Kind == CodecKind.Zfpe)
            ZfpeCodec.Decompress(stream, destination, ZfpeParameters);
        else
            ZfpCodec.Decompress(stream, destination, ZfpParameters);
    }

    /// <summary>Decompresses <paramref name="valueCount"/> values from a bare block stream of exactly <see cref="CompressedBytes"/> bytes.</summary>
    public float[] Decompress(ReadOnlySpan<byte> stream, long valueCount) =>
        Kind == CodecKind.Zfpe ? ZfpeCodec.Decompress(stream, valueCount, ZfpeParameters) : ZfpCodec.Decompress(stream, valueCount, ZfpParameters);

    /// <summary>"zfpe b=5 exponent-bits=8 split=28" (with " rounding=nearest" when the encoder did not truncate) or "zfp rate=8".</summary>
    public override string ToString() => Kind == CodecKind.Zfpe
        ? $"zfpe b={ZfpeParameters.B} exponent-bits={ZfpeParameters.ExponentBits} split={ZfpeParameters.Split}" +
          (ZfpeParameters.Rounding == ZfpeRounding.Truncate ? "" : $" rounding={Codecs.ZfpeParameters.RoundingName(ZfpeParameters.Rounding)}")
        : $"zfp rate={ZfpParameters.Rate.ToString("R", CultureInfo.InvariantCulture)}";

    private ZfpeParameters ZfpeParameters => Zfpe ?? throw new InvalidOperationException("a ZFPe codec without ZFPe parameters");

    private ZfpParameters ZfpParameters => Zfp ?? throw new InvalidOperationException("a ZFP codec without ZFP parameters");
}
