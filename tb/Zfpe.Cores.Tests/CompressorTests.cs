namespace Zfpe.Cores.Tests;

/// <summary>
/// The compressor core on the Verilator bridge, bit-exact with the reference block by block and
/// at every stage the debug ports show (BlockExponent, FixedPoint, ForwardLift, Negabinary), under
/// random input gaps and output backpressure that change over time.
/// </summary>
public class CompressorTests
{
    [Fact]
    public void Compressor_matches_the_reference_on_a_million_values_block_by_block_and_stage_by_stage_under_random_stalls() =>
        RunUnderRandomStalls(CoreSimulations.Default, "million", TestValues.Mixed(1_000_000, seed: 11), benchSeed: 12, streamSeed: 13);

    [Theory]
    [MemberData(nameof(CoreSimulations.CoveringIndices), MemberType = typeof(CoreSimulations))]
    public void Compressor_matches_the_reference_in_every_covering_configuration(int index) =>
        RunUnderRandomStalls(CoreSimulations.Covering[index], "covering", TestValues.Mixed(100_000, seed: 20 + index), benchSeed: 30 + index, streamSeed: 40 + index);

    [Fact]
    public void Nearest_rounding_matches_the_reference_on_a_million_values_under_random_stalls_and_the_data_reach_every_nearest_case()
    {
        var config = CoreSimulations.Nearest;
        var cases = new NearestCases(CodecBench<uint, UInt128>.ReferenceParameters(config));
        RunUnderRandomStalls(config, "million", TestValues.WithTies(1_000_000, seed: 71), benchSeed: 72, streamSeed: 73, cases.Add);
        cases.AssertEachAtLeast(100, $"{config}");
    }

    [Theory]
    [MemberData(nameof(CoreSimulations.NearestCoveringIndices), MemberType = typeof(CoreSimulations))]
    public void Nearest_rounding_matches_the_reference_in_more_configurations_and_the_data_reach_every_nearest_case(int index)
    {
        var config = CoreSimulations.NearestCovering[index];
        var cases = new NearestCases(CodecBench<uint, UInt128>.ReferenceParameters(config));
        RunUnderRandomStalls(config, "covering", TestValues.WithTies(100_000, seed: 80 + index), benchSeed: 82 + index, streamSeed: 84 + index, cases.Add);
        cases.AssertEachAtLeast(5, $"{config}");
    }

    [Theory]
    [InlineData(5, 30, 1)]
    [InlineData(9, 30, 4)]
    [InlineData(1, 31, 8)]
    [InlineData(13, 13, 2)]
    public void Nearest_rounding_is_lint_clean(int b, int split, int lanes) =>
        Assert.Equal("", VerilogTools.Lint(VerilogEmitter.Emit(new ZfpeCompressor(new ZfpeCoreConfig(b, Split: split, Lanes: lanes, Rounding: PayloadRounding.Nearest)))));

    /// <summary>Runs <paramref name="values"/>, cut into streams, through the compressor under random stalls; every block and stage must match.</summary>
    private static void RunUnderRandomStalls(ZfpeCoreConfig config, string test, uint[] values, int benchSeed, int streamSeed, Action<ZfpeBlockTrace>? traced = null)
    {
        using var sim = CoreSimulations.Compressor(config, test);
        var bench = new CompressorBench(sim, config, values, CodecStalls.Random, benchSeed, Streams(values.Length, streamSeed)) { Traced = traced };
        bench.Run();
        AssertAllChecked(bench);
    }

    [Theory]
    [MemberData(nameof(CompressorIndices))]
    public void Compressor_takes_a_beat_every_cycle_and_delivers_each_block_after_the_documented_latency(int index)
    {
        var config = Configuration(index);
        using var sim = CoreSimulations.Compressor(config, "latency");
        var values = TestValues.Mixed(4096, seed: 50 + index);
        var bench = new CompressorBench(sim, config, values, CodecStalls.None, seed: 1);
        bench.RecordCycles();
        bench.Run();
        AssertAllChecked(bench);

        var inputs = bench.InputCycles;
        var outputs = bench.OutputCycles;
        for (var i = 1; i < inputs.Count; i++)
            Assert.True(inputs[i] == inputs[i - 1] + 1, $"{config}: input beat {i} waited {inputs[i] - inputs[i - 1] - 1} cycles: the core must take a beat every cycle");
        var beatsPerOutput = Math.Max(1, ZfpeCoreConfig.BlockSize / config.Lanes);
        var latency = ZfpeCompressor.LatencyOf(config);
        for (var o = 0; o < outputs.Count; o++)
        {
            var completing = inputs[(o + 1) * beatsPerOutput - 1];
            Assert.True(outputs[o] == completing + latency,
                $"{config}: output beat {o} came {outputs[o] - completing} cycles after the input beat that completed it, not the documented {latency}");
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(NearestIndex)]
    public void Streams_that_end_mid_block_are_padded_with_zeros_and_the_next_stream_follows_at_once(int index)
    {
        var config = Configuration(index);
        using var sim = CoreSimulations.Compressor(config, "streams");
        var streams = Enumerable.Range(0, 200).Select(i => 1 + (i * 7 + i / 13) % 19).ToArray();
        var values = TestValues.Mixed(streams.Sum(), seed: 60);
        foreach (var (stalls, seed) in new[] { (CodecStalls.None, 61), (CodecStalls.Random, 62), (new CodecStalls([0.0, 0.3], [0.0, 0.7], Period: 16), 63) })
        {
            var bench = new CompressorBench(sim, config, values, stalls, seed, streams);
            bench.Run();
            AssertAllChecked(bench);
        }
    }

    [Fact]
    public void The_non_finite_status_is_sticky_until_cleared()
    {
        var config = CoreSimulations.Default;
        using var sim = CoreSimulations.Compressor(config, "status");
        var top = (ZfpeCompressor)sim.Top!;
        sim.Poke(top.Values.Valid, 0UL);
        sim.Poke(top.ClearStatus, 0UL);
        sim.Poke(top.Blocks.Ready, 1UL);
        sim.Reset(2);
        Assert.False(sim.PeekBool(top.NonFinite));

        void Send(uint bits, bool clear = false)
        {
            sim.Poke(top.Values.Payload, (ulong)bits);
            sim.Poke(top.Values.Last!, 0UL);
            sim.Poke(top.Values.Valid, 1UL);
            sim.Poke(top.ClearStatus, clear);
            sim.Eval();
            Assert.True(sim.PeekBool(top.Values.Ready));
            sim.Step();
            sim.Poke(top.Values.Valid, 0UL);
            sim.Poke(top.ClearStatus, 0UL);
            sim.Eval();
        }

        void ClearAndExpectCleared()
        {
            sim.Poke(top.ClearStatus, true);
            sim.Step();
            sim.Poke(top.ClearStatus, false);
            sim.Eval();
            Assert.False(sim.PeekBool(top.NonFinite));
        }

        Send(0x3F800000);
        Assert.False(sim.PeekBool(top.NonFinite));
        Send(0x7FC00000); // NaN
        Assert.True(sim.PeekBool(top.NonFinite));
        Send(0x40000000);
        sim.Step(30);
        Assert.True(sim.PeekBool(top.NonFinite));
        ClearAndExpectCleared();
        Send(0xFF800000, clear: true); // -Inf in the clearing cycle: the new event wins
        Assert.True(sim.PeekBool(top.NonFinite));
        ClearAndExpectCleared();
    }

    /// <summary>Index of <see cref="CoreSimulations.Nearest"/> in <see cref="Configuration"/>; the nearest covering configurations follow it.</summary>
    private const int NearestIndex = 100;

    /// <summary>-1: the default; 0..: the covering configurations; <see cref="NearestIndex"/>..: nearest rounding's.</summary>
    private static ZfpeCoreConfig Configuration(int index) =>
        index < 0 ? CoreSimulations.Default
        : index < NearestIndex ? CoreSimulations.Covering[index]
        : index == NearestIndex ? CoreSimulations.Nearest
        : CoreSimulations.NearestCovering[index - NearestIndex - 1];

    /// <summary>The default and the covering configurations (the decompressor's tests use them too).</summary>
    public static TheoryData<int> AllIndices()
    {
        var data = new TheoryData<int> { -1 };
        for (var i = 0; i < CoreSimulations.Covering.Count; i++) data.Add(i);
        return data;
    }

    /// <summary><see cref="AllIndices"/> and nearest rounding's configurations.</summary>
    public static TheoryData<int> CompressorIndices()
    {
        var data = AllIndices();
        for (var i = 0; i <= CoreSimulations.NearestCovering.Count; i++) data.Add(NearestIndex + i);
        return data;
    }

    /// <summary>Mostly long streams, with short ones of every length now and then.</summary>
    internal static int[] Streams(int total, int seed)
    {
        var random = new Random(seed);
        var lengths = new List<int>();
        var left = total;
        while (left > 0)
        {
            var n = Math.Min(left, random.Next(4) == 0 ? random.Next(1, 12) : random.Next(100, 5000));
            lengths.Add(n);
            left -= n;
        }
        return [.. lengths];
    }

    private static void AssertAllChecked(CompressorBench bench)
    {
        Assert.Equal(bench.Blocks, bench.BlocksChecked);
        Assert.Equal(bench.Blocks, bench.FixedPointChecked);
        Assert.Equal(bench.Blocks, bench.LiftedChecked);
        Assert.Equal(bench.Blocks, bench.NegabinaryChecked);
        Assert.Equal(bench.NonFiniteExpected, bench.Simulation.PeekBool(bench.Top.NonFinite));
    }
}
