using System.Buffers.Binary;
using Zfpe.Reference.Codecs;

namespace Zfpe.Reference.Files;

/// <summary>
/// The .zfpe container, versions 1 and 2: a small checksummed header and the bare block stream.
/// The layout is in docs/zfpe-format.md §9; version 2 adds the ZFPe encoder's rounding in byte 19,
/// and is written only when that is not truncate, so every other file stays readable by version-1 readers. Reading rejects anything corrupt, truncated, of another
/// version or inconsistent with an <see cref="InvalidDataException"/> naming the byte offset;
/// writing goes through a temporary file, so nothing is written on failure.
/// </summary>
public static class ZfpeContainer
{
    /// <summary>The newest version this build reads and writes.</summary>
    public const ushort Version = 2;

    /// <summary>The version of files without the rounding byte (and of every file whose encoder truncated).</summary>
    public const ushort FirstVersion = 1;

    public const int MaxRank = 64;

    /// <summary>"\x89ZFPE\r\n\x1A": the high byte and the line endings catch text-mode transfers, like PNG's signature.</summary>
    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'Z', (byte)'F', (byte)'P', (byte)'E', 0x0D, 0x0A, 0x1A];

    // Field offsets (docs/zfpe-format.md §9).
    private const int VersionOffset = 8;
    private const int CodecOffset = 10;
    private const int DTypeOffset = 11;
    private const int RankOffset = 12;
    private const int ReservedOffset = 13;
    private const int ParametersOffset = 16;
    private const int RoundingOffset = ParametersOffset + 3;
    private const int ValueCountOffset = 24;
    private const int PayloadLengthOffset = 32;
    private const int PayloadCrcOffset = 40;
    private const int ShapeOffset = 44;

    /// <summary>Header bytes for a tensor of rank <paramref name="rank"/>: 48 + 8·rank.</summary>
    public static int HeaderLength(int rank) => ShapeOffset + 8 * rank + 4;

    /// <summary>Total container size: header plus payload.</summary>
    public static long FileLength(ContainerCodec codec, IReadOnlyList<long> shape) =>
        HeaderLength(shape.Count) + codec.CompressedBytes(Product(shape));

    public static void Write(string path, ZfpeContainerContents contents)
    {
        var header = SerializeHeader(contents);
        OutputFile.Write(path, stream =>
        {
            stream.Write(header);
            stream.Write(contents.Payload);
        });
    }

    /// <summary>Writes the container to <paramref name="stream"/>; the header is checked before anything is written.</summary>
    public static void Write(Stream stream, ZfpeContainerContents contents)
    {
        var header = SerializeHeader(contents);
        stream.Write(header);
        stream.Write(contents.Payload);
    }

    /// <summary>The whole container as bytes.</summary>
    public static byte[] Serialize(ZfpeContainerContents contents)
    {
        var header = SerializeHeader(contents);
        var file = new byte[header.Length + contents.Payload.Length];
        header.CopyTo(file, 0);
        contents.Payload.CopyTo(file, header.Length);
        return file;
    }

    public static ZfpeContainerContents Read(string path)
    {
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    public static ZfpeContainerContents Parse(ReadOnlySpan<byte> file)
    {
        int magicLength = Math.Min(file.Length, Magic.Length);
        if (!file[..magicLength].SequenceEqual(Magic[..magicLength]))
            throw new InvalidDataException($"not a .zfpe container: the bytes at byte offset 0 are {Hex(file[..magicLength])}, expected {Hex(Magic)}");
        if (file.Length < CodecOffset)
            throw Truncated(file.Length, CodecOffset, "the version field");
        int version = BinaryPrimitives.ReadUInt16LittleEndian(file[VersionOffset..]);
        if (version is < FirstVersion or > Version)
            throw new InvalidDataException($"unsupported .zfpe container version {version} at byte offset {VersionOffset}: this build reads versions {FirstVersion}..{Version}; use a newer zfpe");
        if (file.Length < HeaderLength(0))
            throw Truncated(file.Length, HeaderLength(0), "the fixed header");
        int rank = file[RankOffset];
        if (rank > MaxRank)
            throw new InvalidDataException($"rank {rank} at byte offset {RankOffset} is out of range: allowed 0..{MaxRank}");
        int headerLength = HeaderLength(rank);
        if (file.Length < headerLength)
            throw Truncated(file.Length, headerLength, $"the header of a rank-{rank} tensor");

        int headerCrcOffset = headerLength - 4;
        uint storedHeaderCrc = BinaryPrimitives.ReadUInt32LittleEndian(file[headerCrcOffset..]);
        uint headerCrc = Crc32.Compute(file[..headerCrcOffset]);
        if (storedHeaderCrc != headerCrc)
            throw new InvalidDataException(
                $"header checksum mismatch at byte offset {headerCrcOffset}: stored 0x{storedHeaderCrc:X8}, computed 0x{headerCrc:X8} over bytes 0..{headerCrcOffset - 1}; the header is corrupt");

        for (int i = ReservedOffset; i < ParametersOffset; i++)
        {
            if (file[i] != 0)
                throw new InvalidDataException($"reserved byte at byte offset {i} is 0x{file[i]:X2}, expected 0: written by an incompatible tool");
        }
        var codec = ReadCodec(file, version);
        var dtype = file[DTypeOffset] switch
        {
            1 => TensorDType.Float32,
            2 => TensorDType.Float64,
            3 => TensorDType.Float16,
            var d => throw new InvalidDataException($"unknown original dtype id {d} at byte offset {DTypeOffset}: expected 1 (float32), 2 (float64) or 3 (float16)"),
        };

        ulong valueCount = BinaryPrimitives.ReadUInt64LittleEndian(file[ValueCountOffset..]);
        var shape = new long[rank];
        ulong product = 1;
        for (int i = 0; i < rank; i++)
        {
            ulong d = BinaryPrimitives.ReadUInt64LittleEndian(file[(ShapeOffset + 8 * i)..]);
            product = d == 0 || product == 0 ? 0 : (product > ulong.MaxValue / d ? ulong.MaxValue : product * d);
            if (d > long.MaxValue)
                throw new InvalidDataException($"shape dimension {i} = {d} at byte offset {ShapeOffset + 8 * i} is too large");
            shape[i] = (long)d;
        }
        if (product != valueCount)
            throw new InvalidDataException(
                $"value count {valueCount} at byte offset {ValueCountOffset} does not match the shape ({Tensor.ShapeText(shape)}) at byte offset {ShapeOffset}, which holds {product}");
        if (valueCount > (ulong)Array.MaxLength)
            throw new InvalidDataException($"value count {valueCount} at byte offset {ValueCountOffset} is more than this tool can load at once ({Array.MaxLength})");

        ulong payloadLength = BinaryPrimitives.ReadUInt64LittleEndian(file[PayloadLengthOffset..]);
        long expectedPayload = codec.CompressedBytes((long)valueCount);
        if (payloadLength != (ulong)expectedPayload)
            throw new InvalidDataException(
                $"payload length {payloadLength} at byte offset {PayloadLengthOffset} does not match the {expectedPayload} bytes that {valueCount} values take with {codec}");
        long end = headerLength + expectedPayload;
        if (file.Length < end)
            throw new InvalidDataException(
                $"truncated payload: {expectedPayload} bytes should follow the header from byte offset {headerLength} to {end}, but the file ends at byte offset {file.Length}");
        if (file.Length > end)
            throw new InvalidDataException($"{file.Length - end} unexpected bytes after the payload at byte offset {end}: the file is corrupt");

        var payload = file[headerLength..(int)end];
        uint storedPayloadCrc = BinaryPrimitives.ReadUInt32LittleEndian(file[PayloadCrcOffset..]);
        uint payloadCrc = Crc32.Compute(payload);
        if (storedPayloadCrc != payloadCrc)
            throw new InvalidDataException(
                $"payload checksum mismatch: stored 0x{storedPayloadCrc:X8} at byte offset {PayloadCrcOffset}, computed 0x{payloadCrc:X8} over bytes {headerLength}..{end - 1}; the payload is corrupt");

        return new ZfpeContainerContents { Codec = codec, Shape = shape, OriginalDType = dtype, Payload = payload.ToArray() };
    }

    private static byte[] SerializeHeader(ZfpeContainerContents contents)
    {
        var codec = contents.Codec;
        codec.Validate();
        var shape = contents.Shape;
        if (shape.Length > MaxRank)
            throw new ArgumentException($"rank = {shape.Length} is out of range: allowed 0..{MaxRank}");
        foreach (long d in shape)
        {
            if (d < 0)
                throw new ArgumentException($"shape ({Tensor.ShapeText(shape)}) has a negative dimension");
        }
        if (!Enum.IsDefined(contents.OriginalDType))
            throw new ArgumentException($"original dtype = {(int)contents.OriginalDType} is not a tensor dtype: allowed {string.Join(", ", Enum.GetNames<TensorDType>())}");
        long count = Product(shape);
        long payloadLength = codec.CompressedBytes(count);
        if (contents.Payload.Length != payloadLength)
            throw new ArgumentException($"the payload has {contents.Payload.Length} bytes but {count} values with {codec} take {payloadLength}: compress with the same codec and shape");

        var header = new byte[HeaderLength(shape.Length)];
        var h = header.AsSpan();
        Magic.CopyTo(h);
        BinaryPrimitives.WriteUInt16LittleEndian(h[VersionOffset..], WrittenVersion(codec));
        h[CodecOffset] = (byte)codec.Kind;
        h[DTypeOffset] = (byte)contents.OriginalDType;
        h[RankOffset] = (byte)shape.Length;
        if (codec.Zfpe is { } zfpe)
        {
            h[ParametersOffset] = (byte)zfpe.B;
            h[ParametersOffset + 1] = (byte)zfpe.ExponentBits;
            h[ParametersOffset + 2] = (byte)zfpe.Split;
            h[RoundingOffset] = (byte)zfpe.Rounding;
        }
        else
        {
            BinaryPrimitives.WriteDoubleLittleEndian(h[ParametersOffset..], codec.Zfp!.Rate);
        }
        BinaryPrimitives.WriteUInt64LittleEndian(h[ValueCountOffset..], (ulong)count);
        BinaryPrimitives.WriteUInt64LittleEndian(h[PayloadLengthOffset..], (ulong)payloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(h[PayloadCrcOffset..], Crc32.Compute(contents.Payload));
        for (int i = 0; i < shape.Length; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(h[(ShapeOffset + 8 * i)..], (ulong)shape[i]);
        int crcOffset = header.Length - 4;
        BinaryPrimitives.WriteUInt32LittleEndian(h[crcOffset..], Crc32.Compute(h[..crcOffset]));
        return header;
    }

    /// <summary>The lowest version that holds the codec: 2 for a ZFPe encoder that did not truncate, else 1.</summary>
    public static ushort WrittenVersion(ContainerCodec codec) =>
        codec.Zfpe is { Rounding: not ZfpeRounding.Truncate } ? Version : FirstVersion;

    private static ContainerCodec ReadCodec(ReadOnlySpan<byte> file, int version)
    {
        var parameters = file.Slice(ParametersOffset, 8);
        ContainerCodec codec;
        switch (file[CodecOffset])
        {
            case (byte)CodecKind.Zfpe:
                // Version 1 reserves byte 19 too; its files all come from truncating encoders.
                int firstReserved = version == FirstVersion ? 3 : 4;
                for (int i = firstReserved; i < 8; i++)
                {
                    if (parameters[i] != 0)
                        throw new InvalidDataException($"reserved ZFPe parameter byte at byte offset {ParametersOffset + i} is 0x{parameters[i]:X2}, expected 0 in a version-{version} container");
                }
                var rounding = (ZfpeRounding)parameters[3];
                if (!Enum.IsDefined(rounding))
                    throw new InvalidDataException($"unknown ZFPe rounding id {parameters[3]} at byte offset {RoundingOffset}: expected 0 (truncate) or 1 (nearest)");
                codec = ContainerCodec.ForZfpe(new ZfpeParameters(parameters[0], parameters[1], parameters[2], rounding));
                break;
            case (byte)CodecKind.Zfp:
                codec = ContainerCodec.ForZfp(new ZfpParameters(BinaryPrimitives.ReadDoubleLittleEndian(parameters)));
                break;
            default:
                throw new InvalidDataException($"unknown codec id {file[CodecOffset]} at byte offset {CodecOffset}: expected 1 (zfpe) or 2 (zfp)");
        }
        try
        {
            codec.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"invalid codec parameters at byte offset {ParametersOffset}: {e.Message}", e);
        }
        return codec;
    }

    private static long Product(IReadOnlyList<long> shape)
    {
        long count = 1;
        foreach (long d in shape)
            count = checked(count * d);
        return count;
    }

    private static InvalidDataException Truncated(int length, int needed, string what) =>
        new($"truncated .zfpe container: {what} needs {needed} bytes, but the file ends at byte offset {length}");

    private static string Hex(ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? "(none)" : string.Join(' ', bytes.ToArray().Select(b => b.ToString("x2")));
}
