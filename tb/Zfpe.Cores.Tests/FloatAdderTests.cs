using Zfpe.Cores.Float;
using Zfpe.Reference.Float;

namespace Zfpe.Cores.Tests;

/// <summary>
/// The float adder on the Verilator bridge, bit-exact with <c>SimpleFloat.Add</c> on wide-range
/// pairs and every case of its datapath (zero and subnormal operands, exponent field 255, exact
/// cancellation, alignment gaps of m + G or more, carries, every normalisation shift, saturation,
/// underflow; the test asserts each occurred) under random input gaps and backpressure; full
/// throughput, the documented latency, lint.
/// </summary>
public class FloatAdderTests
{
    private static void MatchesReference(FloatCoreConfig config, int count, int seed)
    {
        var format = FloatCores.Format(config);
        var top = new FloatAdder(config);
        using var sim = FloatCores.Create(top, config, "reference");
        var pairs = FloatCores.Pairs(count, seed, r => FloatPairs.ForAdd(r, format));
        var coverage = new FloatAddCoverage(format);
        foreach (var p in pairs) coverage.Add((uint)p, (uint)(p >> 32));
        coverage.AssertComplete();
        FloatCores.Run(sim, top.Input, top.Output, pairs, (a, b) => SimpleFloat.Add(a, b, format), seed);
    }

    [Fact]
    public void Adder_matches_the_reference_on_a_million_pairs_under_random_stalls() =>
        MatchesReference(new FloatCoreConfig(), 1_000_000, seed: 201);

    [Theory]
    [InlineData(12, 1, 2)]
    [InlineData(24, 1, 2)]
    [InlineData(18, 0, 1)]
    [InlineData(16, 3, 3)]
    [InlineData(6, 8, 8)]
    public void Adder_matches_the_reference_in_other_formats_and_depths(int m, int guardBits, int levelsPerStage) =>
        MatchesReference(new FloatCoreConfig(m, guardBits, levelsPerStage), 100_000, seed: 210 + m + guardBits + levelsPerStage);

    [Theory]
    [InlineData(18, 1, 2)]
    [InlineData(12, 1, 1)]
    [InlineData(24, 1, 8)]
    public void Adder_takes_a_pair_every_cycle_and_answers_after_the_documented_latency(int m, int guardBits, int levelsPerStage)
    {
        var config = new FloatCoreConfig(m, guardBits, levelsPerStage);
        var format = FloatCores.Format(config);
        var top = new FloatAdder(config);
        Assert.Equal(FloatAdder.LatencyOf(config), top.Latency);
        using var sim = FloatCores.Create(top, config, "latency");
        var pairs = FloatCores.Pairs(2000, 220 + m, r => FloatPairs.ForAdd(r, format));
        FloatCores.AssertThroughputAndLatency(sim, top.Input, top.Output, pairs, (a, b) => SimpleFloat.Add(a, b, format), top.Latency);
    }

    [Fact]
    public void The_default_adder_normalises_by_9_5_2_1_1_in_ten_stages()
    {
        var config = new FloatCoreConfig();
        Assert.Equal([9, 5, 2, 1, 1], config.NormaliseShifts);
        Assert.Equal(10, FloatAdder.LatencyOf(config));
    }

    [Theory]
    [InlineData(18, 1, 2)]
    [InlineData(24, 8, 1)]
    [InlineData(2, 0, 8)]
    public void Adder_is_lint_clean(int m, int guardBits, int levelsPerStage) =>
        Assert.Equal("", VerilogTools.Lint(FloatCores.Design(new FloatAdder(new FloatCoreConfig(m, guardBits, levelsPerStage)))));
}
