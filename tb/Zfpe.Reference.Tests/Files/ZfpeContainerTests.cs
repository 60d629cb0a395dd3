using System.Buffers.Binary;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Files;

namespace Zfpe.Reference.Tests.Files;

public class ZfpeContainerTests
{
    private static readonly long[] Shape = { 3, 7 };

    private static ZfpeContainerContents Sample(ContainerCodec codec, long[]? shape = null, TensorDType dtype = TensorDType.Float32)
    {
        shape ??= Shape;
        long count = shape.Aggregate(1L, (a, b) => a * b);
        var random = new Random(12);
        var values = Enumerable.Range(0, (int)count).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        return new ZfpeContainerContents { Codec = codec, Shape = shape, OriginalDType = dtype, Payload = codec.Compress(values, out _) };
    }

    private static readonly ContainerCodec Zfpe5 = ContainerCodec.ForZfpe(new ZfpeParameters());
    private static readonly ContainerCodec Zfp12 = ContainerCodec.ForZfp(new ZfpParameters(12));

    public static TheoryData<ContainerCodec> Codecs => new()
    {
        Zfpe5,
        ContainerCodec.ForZfpe(new ZfpeParameters(9, 9, 27)),
        ContainerCodec.ForZfpe(ZfpeParameters.Plus()),
        ContainerCodec.ForZfpe(ZfpeParameters.Plus(9) with { Split = 29 }),
        Zfp12,
        ContainerCodec.ForZfp(new ZfpParameters(8.5)),
    };

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Containers_round_trip_codec_shape_dtype_and_payload(ContainerCodec codec)
    {
        var contents = Sample(codec, dtype: TensorDType.Float64);
        var back = ZfpeContainer.Parse(ZfpeContainer.Serialize(contents));
        Assert.Equal(codec, back.Codec);
        Assert.Equal(Shape, back.Shape);
        Assert.Equal(21, back.ValueCount);
        Assert.Equal(TensorDType.Float64, back.OriginalDType);
        Assert.Equal(contents.Payload, back.Payload);
    }

    [Theory]
    [InlineData(new long[] { })]
    [InlineData(new long[] { 0 })]
    [InlineData(new long[] { 5 })]
    [InlineData(new long[] { 2, 1, 3, 4 })]
    public void Any_rank_round_trips(long[] shape)
    {
        var back = ZfpeContainer.Parse(ZfpeContainer.Serialize(Sample(Zfpe5, shape)));
        Assert.Equal(shape, back.Shape);
    }

    [Fact]
    public void The_layout_is_the_documented_one()
    {
        var contents = Sample(Zfpe5);
        var file = ZfpeContainer.Serialize(contents);
        Assert.Equal(48 + 16 + 24, file.Length); // 21 values = 6 blocks of 32 bits
        Assert.Equal(new byte[] { 0x89, 0x5A, 0x46, 0x50, 0x45, 0x0D, 0x0A, 0x1A }, file[..8]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8)));
        Assert.Equal(new byte[] { 1, 1, 2, 0, 0, 0, 5, 8, 28, 0, 0, 0, 0, 0 }, file[10..24]);
        Assert.Equal(21UL, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(24)));
        Assert.Equal(24UL, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(32)));
        Assert.Equal(Crc32.Compute(contents.Payload), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(40)));
        Assert.Equal(3UL, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(44)));
        Assert.Equal(7UL, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(52)));
        Assert.Equal(Crc32.Compute(file.AsSpan(0, 60)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(60)));
        Assert.Equal(contents.Payload, file[64..]);

        var zfp = ZfpeContainer.Serialize(Sample(ContainerCodec.ForZfp(new ZfpParameters(8.5))));
        Assert.Equal(2, zfp[10]);
        Assert.Equal(8.5, BinaryPrimitives.ReadDoubleLittleEndian(zfp.AsSpan(16)));
    }

    [Fact]
    public void Every_corrupted_header_byte_is_caught()
    {
        var file = ZfpeContainer.Serialize(Sample(Zfpe5));
        for (int offset = 0; offset < 64; offset++)
        {
            var copy = (byte[])file.Clone();
            copy[offset] ^= 0x10;
            var e = Assert.Throws<InvalidDataException>(() => ZfpeContainer.Parse(copy));
            Assert.Contains("byte offset", e.Message);
        }
    }

    [Fact]
    public void A_corrupted_header_is_reported_as_a_header_checksum_mismatch()
    {
        var file = ZfpeContainer.Serialize(Sample(Zfpe5));
        file[26] ^= 1;
        var e = Assert.Throws<InvalidDataException>(() => ZfpeContainer.Parse(file));
        Assert.Contains("header checksum mismatch at byte offset 60", e.Message);
    }

    [Fact]
    public void A_corrupted_payload_is_reported_as_a_payload_checksum_mismatch()
    {
        var file = ZfpeContainer.Serialize(Sample(Zfp12));
        file[^5] ^= 0x80;
        var e = Assert.Throws<InvalidDataException>(() => ZfpeContainer.Parse(file));
        TextAssert.ContainsAll(e.Message,
            "payload checksum mismatch",
            "at byte offset 40");
    }

    [Fact]
    public void Truncation_anywhere_is_reported_as_truncation()
    {
        var file = ZfpeContainer.Serialize(Sample(Zfpe5));
        for (int length = 0; length < file.Length; length++)
        {
            var e = Assert.Throws<InvalidDataException>(() => ZfpeContainer.Parse(file.AsSpan(0, length)));
            Assert.True(e.Message.Contains("truncated") || (length == 0 && e.Message.Contains("not a .zfpe")) , $"{length}: {e.Message}");
        }
        var cut = Assert.Throws<InvalidDataException>(() => ZfpeContainer.Parse(file.AsSpan(0, file.Length - 1)));
        TextAssert.ContainsAll(cut.Message,
            "truncated payload",
            "ends at byte offset 87");
    }

    [Fact]
    public void Trailing_bytes_are_rejected()
    {
        var file = ZfpeContainer.Serialize(Sample(Zfpe5)).Append((byte)0).ToArray();
        var e = Assert.Throws<InvalidDataException>(() => ZfpeContainer.Parse(file));
        Assert.Contains("1 unexpected bytes after the payload at byte offset 88", e.Message);
    }

    [Fact]
    public void Another_version_is_rejected_before_anything_else_is_trusted()
    {
        var file = ZfpeContainer.Serialize(Sample(Zfpe5));
        file[8] = 3;
        var e = Assert.Throws<InvalidDataException>(() => ZfpeContainer.Parse(file));
        TextAssert.ContainsAll(e.Message, "unsupported .zfpe container version 3 at byte offset 8", "versions 1..2");
    }

    private static readonly ContainerCodec ZfpePlus = ContainerCodec.ForZfpe(ZfpeParameters.Plus());

    /// <summary>Sets a header byte and recomputes the header CRC (rank 2: the CRC is at byte 60).</summary>
    private static byte[] WithHeaderByte(byte[] file, int offset, byte value)
    {
        file[offset] = value;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(60), Crc32.Compute(file.AsSpan(0, 60)));
        return file;
    }

    [Fact]
    public void A_nearest_encoder_is_recorded_in_byte_19_of_a_version_2_container()
    {
        var file = ZfpeContainer.Serialize(Sample(ZfpePlus));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8)));
        Assert.Equal(new byte[] { 5, 8, 30, 1, 0, 0, 0, 0 }, file[16..24]);
        Assert.Equal(ZfpeRounding.Nearest, ZfpeContainer.Parse(file).Codec.Zfpe!.Rounding);
    }

    [Fact]
    public void A_truncating_encoder_still_writes_version_1_so_version_1_readers_read_it()
    {
        var truncate = ContainerCodec.ForZfpe(ZfpeParameters.Plus() with { Rounding = ZfpeRounding.Truncate });
        var file = ZfpeContainer.Serialize(Sample(truncate));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8)));
        Assert.Equal(new byte[] { 5, 8, 30, 0, 0, 0, 0, 0 }, file[16..24]);
        Assert.Equal(1, ZfpeContainer.WrittenVersion(Zfp12));
    }

    [Fact]
    public void Version_1_files_read_as_truncate_and_version_2_files_with_truncate_too()
    {
        var file = ZfpeContainer.Serialize(Sample(Zfpe5));
        Assert.Equal(ZfpeRounding.Truncate, ZfpeContainer.Parse(file).Codec.Zfpe!.Rounding);
        var two = WithHeaderByte(file, 8, 2);
        Assert.Equal(Zfpe5, ZfpeContainer.Parse(two).Codec);
    }

    [Fact]
    public void A_version_1_file_with_a_rounding_byte_is_rejected_as_a_reserved_byte()
    {
        var file = WithHeaderByte(ZfpeContainer.Serialize(Sample(Zfpe5)), 19, 1);
        var e = Assert.Throws<InvalidDataException>(() => ZfpeContainer.Parse(file));
        TextAssert.ContainsAll(e.Message, "reserved ZFPe parameter byte at byte offset 19", "version-1 container");
    }

    [Fact]
    public void An_unknown_rounding_is_rejected_naming_the_byte()
    {
        var file = WithHeaderByte(ZfpeContainer.Serialize(Sample(ZfpePlus)), 19, 2);
        var e = Assert.Throws<InvalidDataException>(() => ZfpeContainer.Parse(file));
        TextAssert.ContainsAll(e.Message, "unknown ZFPe rounding id 2 at byte offset 19", "0 (truncate) or 1 (nearest)");
        var reserved = WithHeaderByte(ZfpeContainer.Serialize(Sample(ZfpePlus)), 20, 1);
        Assert.Contains("reserved ZFPe parameter byte at byte offset 20", Assert.Throws<InvalidDataException>(() => ZfpeContainer.Parse(reserved)).Message);
    }

    [Fact]
    public void A_nearest_container_decodes_with_the_unchanged_decoder()
    {
        var contents = Sample(ZfpePlus);
        var back = ZfpeContainer.Parse(ZfpeContainer.Serialize(contents));
        var plain = ZfpeCodec.Decompress(back.Payload, back.ValueCount, new ZfpeParameters(5, 8, 30));
        Assert.Equal(plain, back.Codec.Decompress(back.Payload, back.ValueCount));
    }

    [Fact]
    public void Other_files_are_rejected_by_the_magic()
    {
        var npy = new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 };
        var e = Assert.Throws<InvalidDataException>(() => ZfpeContainer.Parse(npy));
        Assert.Contains("not a .zfpe container: the bytes at byte offset 0 are 93 4e", e.Message);
    }

    [Theory]
    [InlineData(10, 3, "unknown codec id 3 at byte offset 10")]
    [InlineData(11, 9, "unknown original dtype id 9 at byte offset 11")]
    [InlineData(14, 1, "reserved byte at byte offset 14")]
    [InlineData(16, 40, "invalid codec parameters at byte offset 16: b (payload bits) = 40")]
    [InlineData(17, 7, "exponent-bits = 7")]
    [InlineData(20, 1, "reserved ZFPe parameter byte at byte offset 20")]
    [InlineData(24, 22, "value count 22 at byte offset 24 does not match the shape (3, 7)")]
    [InlineData(32, 25, "payload length 25 at byte offset 32 does not match the 24 bytes")]
    public void Inconsistent_headers_with_valid_checksums_are_rejected_naming_the_field(int offset, byte value, string message)
    {
        var file = ZfpeContainer.Serialize(Sample(Zfpe5));
        file[offset] = value;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(60), Crc32.Compute(file.AsSpan(0, 60)));
        var e = Assert.Throws<InvalidDataException>(() => ZfpeContainer.Parse(file));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void An_out_of_range_zfp_rate_is_rejected()
    {
        var file = ZfpeContainer.Serialize(Sample(Zfp12));
        BinaryPrimitives.WriteDoubleLittleEndian(file.AsSpan(16), 99);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(60), Crc32.Compute(file.AsSpan(0, 60)));
        var e = Assert.Throws<InvalidDataException>(() => ZfpeContainer.Parse(file));
        Assert.Contains("invalid codec parameters at byte offset 16: rate = 99", e.Message);
    }

    [Fact]
    public void A_payload_of_the_wrong_size_is_not_written()
    {
        string path = Path.Combine(Path.GetTempPath(), $"c-{Guid.NewGuid():N}.zfpe");
        var contents = Sample(Zfpe5);
        var bad = new ZfpeContainerContents { Codec = Zfpe5, Shape = Shape, OriginalDType = TensorDType.Float32, Payload = contents.Payload[..^1] };
        var e = Assert.Throws<ArgumentException>(() => ZfpeContainer.Write(path, bad));
        Assert.Contains("the payload has 23 bytes but 21 values with zfpe b=5 exponent-bits=8 split=28 take 24", e.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Containers_written_to_disk_read_back()
    {
        string path = Path.Combine(Path.GetTempPath(), $"c-{Guid.NewGuid():N}.zfpe");
        try
        {
            var contents = Sample(Zfp12);
            ZfpeContainer.Write(path, contents);
            Assert.Equal(ZfpeContainer.FileLength(Zfp12, Shape), new FileInfo(path).Length);
            Assert.Equal(contents.Payload, ZfpeContainer.Read(path).Payload);
            File.WriteAllBytes(path, File.ReadAllBytes(path)[..50]);
            var e = Assert.Throws<InvalidDataException>(() => ZfpeContainer.Read(path));
            Assert.StartsWith(path + ": truncated", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
