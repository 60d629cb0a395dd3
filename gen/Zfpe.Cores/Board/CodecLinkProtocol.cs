namespace Zfpe.Cores.Board;

/// <summary>
/// The facts of the ulx3s-codec serial link that both sides share (PROTOCOL.md is the
/// description): command and reply markers, sizes, limits. The board side is
/// <see cref="RequestParser"/> and <see cref="ResponseWriter"/>; the host side, which builds the
/// requests and parses the replies, is Zfpe.Host's CodecLinkFrames. Multi-byte fields are
/// little-endian; every frame ends with a CRC-16/CCITT-FALSE of its other bytes.
/// </summary>
public static class CodecLinkProtocol
{
    public const int Version = 1;

    /// <summary>'C': values in, blocks and decoded values back.</summary>
    public const byte CodecCommand = 0x43;

    /// <summary>'I': the board's parameters back.</summary>
    public const byte InfoCommand = 0x49;

    /// <summary>'c': the first byte of a codec reply.</summary>
    public const byte CodecReply = 0x63;

    /// <summary>'i': the first byte of an info reply.</summary>
    public const byte InfoReply = 0x69;

    /// <summary>Values per request at most: the board buffers a whole request (2048 × 33 bits, 4 DP16KD).</summary>
    public const int MaxValues = 2048;

    /// <summary>Bytes of a codec reply before the records: marker, value count.</summary>
    public const int ReplyHeaderBytes = 3;

    /// <summary>Bytes of a codec reply after the records: status, CRC.</summary>
    public const int ReplyTrailerBytes = 3;

    /// <summary>Bytes of an info reply, its CRC included.</summary>
    public const int InfoReplyBytes = 16;

    /// <summary>Bytes per block in a reply: the block's bits padded to whole bytes.</summary>
    public static int BlockBytes(int blockBits) => (blockBits + 7) / 8;

    /// <summary>Bytes per record: one block, then its 4 decoded values.</summary>
    public static int RecordBytes(int blockBits) => BlockBytes(blockBits) + 16;

    /// <summary>Bytes of the reply to a request of <paramref name="valueCount"/> values.</summary>
    public static int CodecReplyBytes(int valueCount, int blockBits) =>
        ReplyHeaderBytes + valueCount / 4 * RecordBytes(blockBits) + ReplyTrailerBytes;

    /// <summary>Throws an <see cref="ArgumentException"/> unless <paramref name="count"/> is a value count a request may carry.</summary>
    public static void CheckCount(int count, int maxValues = MaxValues)
    {
        if (count < 4 || count > maxValues || count % 4 != 0)
            throw new ArgumentException($"a codec request carries 4..{maxValues} values in whole blocks of 4, not {count}: split the data into requests and pad the last one with +0.0");
    }
}
