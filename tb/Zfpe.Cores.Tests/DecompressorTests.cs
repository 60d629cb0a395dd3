namespace Zfpe.Cores.Tests;

/// <summary>
/// The decompressor core on the Verilator bridge, bit-exact with the reference value by value and
/// at every stage the debug ports show (InverseNegabinary, InverseLift), under random input gaps
/// and output backpressure. The blocks mix those of real data with arbitrary bit patterns, which
/// reach every exponent field, the flush to zero and the saturation.
/// </summary>
public class DecompressorTests
{
    [Fact]
    public void Decompressor_matches_the_reference_on_a_million_values_value_by_value_and_stage_by_stage_under_random_stalls()
    {
        var config = CoreSimulations.Default;
        using var sim = CoreSimulations.Decompressor(config, "million");
        var blocks = Blocks(config, 250_000, seed: 71);
        var bench = new DecompressorBench(sim, config, blocks, CodecStalls.Random, seed: 72, streams: CompressorTests.Streams(blocks.Length, seed: 73));
        bench.Run();
        AssertAllChecked(bench, bench.PaddedBlocks);
    }

    [Theory]
    [MemberData(nameof(CoreSimulations.CoveringIndices), MemberType = typeof(CoreSimulations))]
    public void Decompressor_matches_the_reference_in_every_covering_configuration(int index)
    {
        var config = CoreSimulations.Covering[index];
        using var sim = CoreSimulations.Decompressor(config, "covering");
        var blocks = Blocks(config, 25_000, seed: 80 + index);
        var bench = new DecompressorBench(sim, config, blocks, CodecStalls.Random, seed: 90 + index, streams: CompressorTests.Streams(blocks.Length, seed: 100 + index));
        bench.Run();
        AssertAllChecked(bench, bench.PaddedBlocks);
    }

    [Theory]
    [MemberData(nameof(CompressorTests.AllIndices), MemberType = typeof(CompressorTests))]
    public void Decompressor_delivers_a_beat_every_cycle_after_the_documented_latency(int index)
    {
        var config = index < 0 ? CoreSimulations.Default : CoreSimulations.Covering[index];
        using var sim = CoreSimulations.Decompressor(config, "latency");
        var blocks = Blocks(config, 1024, seed: 110 + index);
        var bench = new DecompressorBench(sim, config, blocks, CodecStalls.None, seed: 1);
        bench.RecordCycles();
        bench.Run();
        AssertAllChecked(bench, bench.PaddedBlocks);

        var inputs = bench.InputCycles;
        var outputs = bench.OutputCycles;
        for (var o = 1; o < outputs.Count; o++)
            Assert.True(outputs[o] == outputs[o - 1] + 1, $"{config}: output beat {o} came {outputs[o] - outputs[o - 1] - 1} cycles late: the core must deliver a beat every cycle");
        var beatsPerInput = Math.Max(1, ZfpeCoreConfig.BlockSize / config.Lanes);
        var latency = ZfpeDecompressor.LatencyOf(config);
        // A block's first beat comes the documented latency after the block went in, or right
        // after the previous block's last beat when the lanes are still busy with that one.
        for (var i = 0; i < inputs.Count; i++)
        {
            var expected = Math.Max(inputs[i] + latency, i == 0 ? 0 : outputs[i * beatsPerInput - 1] + 1);
            Assert.True(outputs[i * beatsPerInput] == expected,
                $"{config}: the first value of input beat {i} came {outputs[i * beatsPerInput] - inputs[i]} cycles after it, expected {expected - inputs[i]} (latency {latency})");
        }
    }

    /// <summary>Half the blocks compress real data (with the reference), half are arbitrary bits.</summary>
    internal static UInt128[] Blocks(ZfpeCoreConfig config, int count, int seed)
    {
        var p = new ZfpeParameters(config.B, config.ExponentBits, config.Split);
        var random = new Random(seed);
        var values = TestValues.AsFloats(TestValues.Mixed(4 * count, seed));
        var mask = (UInt128.One << config.BlockBits) - 1;
        var blocks = new UInt128[count];
        for (var j = 0; j < count; j++)
            blocks[j] = random.Next(2) == 0
                ? ZfpeCodec.EncodeBlock(values.AsSpan(4 * j, 4), p).Bits
                : ((UInt128)(ulong)random.NextInt64() << 64 | (ulong)random.NextInt64()) & mask;
        return blocks;
    }

    private static void AssertAllChecked(DecompressorBench bench, int blocks)
    {
        Assert.Equal(4L * blocks, bench.ValuesChecked);
        Assert.Equal(blocks, bench.LiftedChecked);
        Assert.Equal(blocks, bench.FixedPointChecked);
    }
}
