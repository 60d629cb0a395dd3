namespace Zfpe.Reference.Codecs;

/// <summary>
/// The raw block stream of docs/zfpe-format.md §3 step 7: the blocks' bits concatenated, least
/// significant bit first, zero-padded to a whole byte.
/// </summary>
public static class ZfpeBlockStream
{
    /// <summary>Packs blocks of <paramref name="blockBits"/> bits into the raw stream.</summary>
    public static byte[] Pack(IReadOnlyList<UInt128> blocks, int blockBits)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var bytes = new byte[((long)blocks.Count * blockBits + 7) / 8];
        long bit = 0;
        foreach (var block in blocks)
            for (var i = 0; i < blockBits; i++, bit++)
                if (((block >> i) & 1) != 0) bytes[bit / 8] |= (byte)(1 << (int)(bit % 8));
        return bytes;
    }

    /// <summary>Splits a raw stream into <paramref name="count"/> blocks of <paramref name="blockBits"/> bits.</summary>
    public static UInt128[] Unpack(ReadOnlySpan<byte> stream, int count, int blockBits)
    {
        var blocks = new UInt128[count];
        long bit = 0;
        for (var j = 0; j < count; j++)
            for (var i = 0; i < blockBits; i++, bit++)
                if ((stream[(int)(bit / 8)] >> (int)(bit % 8) & 1) != 0) blocks[j] |= UInt128.One << i;
        return blocks;
    }
}
