using Zfpe.Cores.Board;
using Zfpe.Reference.Codecs;

namespace Zfpe.Host;

/// <summary>Compares what the board returned with <see cref="ZfpeCodec"/> on the same values and parameters.</summary>
public static class HostCheck
{
    public static ZfpeParameters ParametersOf(CodecLinkInfo info) => new(info.B, info.ExponentBits, info.Split);

    public static HostCheckResult Compare(ReadOnlySpan<float> values, HostRunResult run)
    {
        var p = ParametersOf(run.Info);
        var stream = ZfpeCodec.Compress(values, p, out var nonFinite);
        var decoded = ZfpeCodec.Decompress(stream, values.Length, p);
        var expectedBlocks = ReadBlocks(stream, (values.Length + 3) / 4, p.BlockBits);

        int blockMismatches = 0, firstBlock = -1;
        for (var k = 0; k < expectedBlocks.Length; k++)
        {
            if (k < run.Blocks.Count && run.Blocks[k] == expectedBlocks[k]) continue;
            blockMismatches++;
            if (firstBlock < 0) firstBlock = k;
        }
        int valueMismatches = 0, firstValue = -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (i < run.Values.Length && BitConverter.SingleToUInt32Bits(run.Values[i]) == BitConverter.SingleToUInt32Bits(decoded[i])) continue;
            valueMismatches++;
            if (firstValue < 0) firstValue = i;
        }
        return new HostCheckResult(values.Length, expectedBlocks.Length, blockMismatches, firstBlock, valueMismatches, firstValue,
            nonFinite, (run.Status & CodecLinkStatus.NonFiniteInput) != 0);
    }

    private static UInt128[] ReadBlocks(byte[] stream, int count, int blockBits)
    {
        var blocks = new UInt128[count];
        long bit = 0;
        for (var k = 0; k < count; k++)
            for (var i = 0; i < blockBits; i++, bit++)
                if ((stream[bit / 8] >> (int)(bit % 8) & 1) != 0) blocks[k] |= UInt128.One << i;
        return blocks;
    }
}
