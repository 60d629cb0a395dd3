using System.Buffers.Binary;
using Zfpe.Cores.Board;
using static Zfpe.Cores.Board.CodecLinkProtocol;

namespace Zfpe.Host;

/// <summary>
/// The host side of the ulx3s-codec framing (gen/Zfpe.Cores/Board/PROTOCOL.md): requests built,
/// replies checked (marker, length, CRC, protocol version) and decoded. The shared constants are
/// <see cref="CodecLinkProtocol"/>'s.
/// </summary>
public static class CodecLinkFrames
{
    public static byte[] InfoRequest() => [InfoCommand];

    /// <summary>A codec request: command, count, the values' IEEE bits, CRC.</summary>
    public static byte[] CodecRequest(ReadOnlySpan<float> values, int maxValues = MaxValues)
    {
        CheckCount(values.Length, maxValues);
        var frame = new byte[3 + 4 * values.Length + 2];
        frame[0] = CodecCommand;
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(1), (ushort)values.Length);
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(3 + 4 * i), BitConverter.SingleToUInt32Bits(values[i]));
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(frame.Length - 2), FrameCrc.Compute(frame.AsSpan(0, frame.Length - 2)));
        return frame;
    }

    /// <summary>Decodes an info reply (exactly <see cref="InfoReplyBytes"/> bytes).</summary>
    public static CodecLinkInfo ParseInfoReply(ReadOnlySpan<byte> reply)
    {
        if (reply.Length != InfoReplyBytes)
            throw new InvalidDataException($"an info reply has {InfoReplyBytes} bytes, not {reply.Length}");
        CheckMarker(reply[0], InfoReply, "info");
        CheckCrc(reply, "info");
        var info = new CodecLinkInfo(reply[1], reply[2], reply[3], reply[4], reply[5],
            BinaryPrimitives.ReadUInt16LittleEndian(reply[6..]), BinaryPrimitives.ReadUInt16LittleEndian(reply[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(reply[10..]));
        if (info.Version != CodecLinkProtocol.Version)
            throw new InvalidDataException($"the board speaks protocol version {info.Version}, this host version {CodecLinkProtocol.Version}: rebuild the bitstream or the host from the same commit");
        return info;
    }

    /// <summary>The value count announced by a codec reply's header (its first 3 bytes).</summary>
    public static int ParseReplyHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length < ReplyHeaderBytes)
            throw new InvalidDataException($"a codec reply header has {ReplyHeaderBytes} bytes, not {header.Length}");
        CheckMarker(header[0], CodecReply, "codec");
        return BinaryPrimitives.ReadUInt16LittleEndian(header[1..]);
    }

    /// <summary>Decodes a whole codec reply.</summary>
    public static CodecLinkReply ParseCodecReply(ReadOnlySpan<byte> reply, int blockBits)
    {
        var count = ParseReplyHeader(reply);
        var expected = CodecReplyBytes(count, blockBits);
        if (reply.Length != expected)
            throw new InvalidDataException($"a codec reply for {count} values of {blockBits}-bit blocks has {expected} bytes, not {reply.Length}");
        CheckCrc(reply, "codec");
        var blocks = new UInt128[count / 4];
        var values = new float[count];
        var blockBytes = BlockBytes(blockBits);
        for (var k = 0; k < blocks.Length; k++)
        {
            var record = reply.Slice(ReplyHeaderBytes + k * RecordBytes(blockBits), RecordBytes(blockBits));
            UInt128 block = 0;
            for (var i = blockBytes - 1; i >= 0; i--) block = block << 8 | record[i];
            blocks[k] = block;
            for (var v = 0; v < 4; v++)
                values[4 * k + v] = BitConverter.UInt32BitsToSingle(BinaryPrimitives.ReadUInt32LittleEndian(record[(blockBytes + 4 * v)..]));
        }
        return new CodecLinkReply(count, blocks, values, (CodecLinkStatus)reply[^3]);
    }

    private static void CheckMarker(byte actual, byte expected, string what)
    {
        if (actual != expected)
            throw new InvalidDataException($"a {what} reply starts with 0x{expected:x2}, not 0x{actual:x2}: the link is out of step or another design is loaded");
    }

    private static void CheckCrc(ReadOnlySpan<byte> frame, string what)
    {
        var expected = FrameCrc.Compute(frame[..^2]);
        var actual = BinaryPrimitives.ReadUInt16LittleEndian(frame[^2..]);
        if (expected != actual)
            throw new InvalidDataException($"the {what} reply's CRC is 0x{actual:x4} but its bytes give 0x{expected:x4}: bytes were lost or corrupted on the serial line");
    }
}
