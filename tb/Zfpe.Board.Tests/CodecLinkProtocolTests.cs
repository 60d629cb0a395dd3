using Zfpe.Reference.Codecs;
using System.Buffers.Binary;
using System.Text;
using Zfpe.Cores.Board;

namespace Zfpe.Board.Tests;

/// <summary>The host side of the protocol (PROTOCOL.md) and the board configuration checks, without hardware.</summary>
public class CodecLinkProtocolTests
{
    [Fact]
    public void The_CRC_is_CRC16_CCITT_FALSE()
    {
        Assert.Equal(0x29B1, FrameCrc.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(Crc16Ccitt.Initial, FrameCrc.Compute([]));
    }

    [Fact]
    public void A_codec_request_is_command_count_values_and_CRC()
    {
        var frame = CodecLinkFrames.CodecRequest([1f, -2f, 0.5f, 0f]);
        Assert.Equal(3 + 16 + 2, frame.Length);
        Assert.Equal(CodecLinkProtocol.CodecCommand, frame[0]);
        Assert.Equal(4, BinaryPrimitives.ReadUInt16LittleEndian(frame.AsSpan(1)));
        Assert.Equal(0x3F800000u, BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(3)));
        Assert.Equal(0xC0000000u, BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(7)));
        Assert.Equal(FrameCrc.Compute(frame.AsSpan(0, frame.Length - 2)), BinaryPrimitives.ReadUInt16LittleEndian(frame.AsSpan(frame.Length - 2)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(2052)]
    public void A_request_must_carry_whole_blocks_within_the_limit(int count)
    {
        var e = Assert.Throws<ArgumentException>(() => CodecLinkFrames.CodecRequest(new float[count]));
        Assert.Contains("4..2048", e.Message);
    }

    private static byte[] Reply(int count, int blockBits, Func<int, UInt128> block, Func<int, float> value, byte status)
    {
        var reply = new byte[CodecLinkProtocol.CodecReplyBytes(count, blockBits)];
        reply[0] = CodecLinkProtocol.CodecReply;
        BinaryPrimitives.WriteUInt16LittleEndian(reply.AsSpan(1), (ushort)count);
        var blockBytes = CodecLinkProtocol.BlockBytes(blockBits);
        for (var k = 0; k < count / 4; k++)
        {
            var at = 3 + k * CodecLinkProtocol.RecordBytes(blockBits);
            for (var i = 0; i < blockBytes; i++) reply[at + i] = (byte)(block(k) >> (8 * i));
            for (var v = 0; v < 4; v++) BinaryPrimitives.WriteSingleLittleEndian(reply.AsSpan(at + blockBytes + 4 * v), value(4 * k + v));
        }
        reply[^3] = status;
        BinaryPrimitives.WriteUInt16LittleEndian(reply.AsSpan(reply.Length - 2), FrameCrc.Compute(reply.AsSpan(0, reply.Length - 2)));
        return reply;
    }

    [Fact]
    public void A_reply_gives_blocks_values_and_status_and_the_blocks_pack_into_a_stream()
    {
        // 33-bit blocks (exponent-bits 9): 5 bytes each on the wire, 33 bits each in the stream.
        UInt128 Block(int k) => ((UInt128)1 << 32) | (uint)(0x1000 + k);
        var reply = CodecLinkFrames.ParseCodecReply(Reply(8, 33, Block, i => i * 0.25f, 0x01), 33);
        Assert.Equal(8, reply.ValueCount);
        Assert.Equal([Block(0), Block(1)], reply.Blocks);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i * 0.25f), reply.Values);
        Assert.Equal(CodecLinkStatus.NonFiniteInput, reply.Status);

        var stream = ZfpeBlockStream.Pack(reply.Blocks, 33);
        Assert.Equal(9, stream.Length); // 66 bits
        Assert.Equal(0x00, stream[0]);
        Assert.Equal(0x10, stream[1]);
        Assert.Equal(0x01, stream[4] & 1); // bit 32: the first block's top bit
        Assert.Equal(0x02, stream[4] & 2); // bit 33: the second block's first bit (0x1001 is odd)
    }

    [Fact]
    public void A_damaged_reply_is_rejected_with_the_reason()
    {
        var reply = Reply(4, 32, _ => 0x12345678, _ => 1f, 0);
        reply[5] ^= 0x01;
        Assert.Contains("CRC", Assert.Throws<InvalidDataException>(() => CodecLinkFrames.ParseCodecReply(reply, 32)).Message);
        reply[5] ^= 0x01;
        Assert.Contains("has 26 bytes, not 25", Assert.Throws<InvalidDataException>(() => CodecLinkFrames.ParseCodecReply(reply[..^1], 32)).Message);
        reply[0] = (byte)'x';
        Assert.Contains("out of step", Assert.Throws<InvalidDataException>(() => CodecLinkFrames.ParseCodecReply(reply, 32)).Message);
    }

    [Fact]
    public void An_info_reply_is_decoded_and_a_foreign_version_refused()
    {
        byte[] info = [CodecLinkProtocol.InfoReply, 1, 5, 8, 28, 1, 0x00, 0x08, 33, 0, 0xA0, 0x86, 0x01, 0x00, 0, 0];
        BinaryPrimitives.WriteUInt16LittleEndian(info.AsSpan(14), FrameCrc.Compute(info.AsSpan(0, 14)));
        var parsed = CodecLinkFrames.ParseInfoReply(info);
        Assert.Equal(new CodecLinkInfo(1, 5, 8, 28, 1, 2048, 33, 100_000), parsed);
        Assert.Equal(32, parsed.BlockBits);
        Assert.Equal(100_000_000 / 33.0, parsed.BaudRate, 6);

        info[1] = 2;
        BinaryPrimitives.WriteUInt16LittleEndian(info.AsSpan(14), FrameCrc.Compute(info.AsSpan(0, 14)));
        Assert.Contains("version 2", Assert.Throws<InvalidDataException>(() => CodecLinkFrames.ParseInfoReply(info)).Message);
    }

    [Fact]
    public void The_default_board_runs_at_100_MHz_from_the_PLL_with_33_cycles_per_bit()
    {
        var config = new Ulx3sCodecConfig();
        config.Validate();
        Assert.Equal(100_000_000, config.ClockHz);
        Assert.Equal((1, 4, 6), (config.Pll().ClkiDiv, config.Pll().ClkfbDiv, config.Pll().Primary.Divider));
        Assert.Equal(33, config.Uart.Divisor);
        Assert.Equal(10_000_000, config.IdleTimeoutCycles);
        Assert.Equal(32, config.Core.BlockBits);
    }

    [Theory]
    [InlineData(5, 3_000_000, 1, 100_000, "ClockMhz", "10..200")]
    [InlineData(100, 3_000_000, 8, 100_000, "Lanes", "1|2|4")]
    [InlineData(100, 3_000_000, 1, 10, "IdleTimeoutUs", "100..10000000")]
    [InlineData(100, 4_000_000, 1, 100_000, "BaudRate", "300..3000000")]
    [InlineData(200, 300, 1, 100_000, "BaudRate", "at least 3052")]
    public void A_bad_board_configuration_names_the_parameter_and_the_allowed_range(int mhz, long baud, int lanes, int timeoutUs, string parameter, string allowed)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new Ulx3sCodecConfig(mhz, baud, Lanes: lanes, IdleTimeoutUs: timeoutUs).Validate());
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(allowed, e.Message);
    }

    [Fact]
    public void A_clock_the_PLL_cannot_make_within_half_a_percent_is_refused()
    {
        // From 25 MHz with the PFD at least 3.125 MHz the outputs are 25·CLKFB_DIV/CLKI_DIV with
        // CLKI_DIV <= 8: 11 MHz is not within 0.5 % of any (10.71 and 12.5 are the nearest).
        var e = Assert.ThrowsAny<ArgumentException>(() => new Ulx3sCodecConfig(11).Validate());
        Assert.Contains("11 MHz", e.Message);
        foreach (var mhz in new[] { 25, 50, 100, 125, 150, 200 })
            new Ulx3sCodecConfig(mhz, BaudRate: 1_000_000).Validate();
    }
}
