using Zfpe.Cores.Float;
using Zfpe.Hdl.Emit;
using Zfpe.Reference.Float;

namespace Zfpe.Cores.Tests;

/// <summary>
/// The float multiplier on the Verilator bridge, bit-exact with <c>SimpleFloat.Multiply</c> on
/// wide-range and edge-case pairs under random input gaps and backpressure; full throughput, the
/// documented latency, lint, and one MULT18X18D after Yosys.
/// </summary>
public class FloatMultiplierTests
{
    private static void MatchesReference(FloatCoreConfig config, int count, int seed)
    {
        var format = FloatCores.Format(config);
        var top = new FloatMultiplier(config);
        using var sim = FloatCores.Create(top, config, "reference");
        var pairs = FloatCores.Pairs(count, seed, r => FloatPairs.ForMultiply(r, format));
        FloatCores.Run(sim, top.Input, top.Output, pairs, (a, b) => SimpleFloat.Multiply(a, b, format), seed);
    }

    [Fact]
    public void Multiplier_matches_the_reference_on_a_million_pairs_under_random_stalls() =>
        MatchesReference(new FloatCoreConfig(), 1_000_000, seed: 101);

    [Theory]
    [InlineData(12)]
    [InlineData(24)]
    [InlineData(2)]
    public void Multiplier_matches_the_reference_in_other_formats(int m) =>
        MatchesReference(new FloatCoreConfig(M: m), m == 2 ? 20_000 : 100_000, seed: 110 + m);

    [Theory]
    [InlineData(18)]
    [InlineData(24)]
    public void Multiplier_takes_a_pair_every_cycle_and_answers_after_the_documented_latency(int m)
    {
        var config = new FloatCoreConfig(M: m);
        var format = FloatCores.Format(config);
        var top = new FloatMultiplier(config);
        Assert.Equal(4, top.Latency);
        using var sim = FloatCores.Create(top, config, "latency");
        var pairs = FloatCores.Pairs(2000, 120 + m, r => FloatPairs.ForMultiply(r, format));
        FloatCores.AssertThroughputAndLatency(sim, top.Input, top.Output, pairs, (a, b) => SimpleFloat.Multiply(a, b, format), top.Latency);
    }

    [Theory]
    [InlineData(18)]
    [InlineData(24)]
    public void Multiplier_is_lint_clean_with_the_DSP_model(int m) =>
        Assert.Equal("", VerilogTools.Lint(FloatCores.Design(new FloatMultiplier(new FloatCoreConfig(M: m)))));

    [Fact]
    public void Multiplier_is_one_MULT18X18D_at_m_18()
    {
        var (ok, stat) = VerilogTools.SynthEcp5(VerilogEmitter.Emit(new FloatMultiplier(new FloatCoreConfig())));
        Assert.True(ok, stat);
        Assert.Matches(@"MULT18X18D\s+1\b", stat);
    }

    [Fact]
    public void The_config_ranges_are_those_of_the_reference_format()
    {
        Assert.Equal(SimpleFloatFormat.MinSignificandBits, FloatCoreConfig.MinM);
        Assert.Equal(SimpleFloatFormat.MaxSignificandBits, FloatCoreConfig.MaxM);
        Assert.Equal(SimpleFloatFormat.MinGuardBits, FloatCoreConfig.MinGuardBits);
        Assert.Equal(SimpleFloatFormat.MaxGuardBits, FloatCoreConfig.MaxGuardBits);
        for (var m = FloatCoreConfig.MinM; m <= FloatCoreConfig.MaxM; m++)
            for (var g = FloatCoreConfig.MinGuardBits; g <= FloatCoreConfig.MaxGuardBits; g++)
                Assert.Equal(new SimpleFloatFormat(m, g).NormaliseShifts, new FloatCoreConfig(M: m, GuardBits: g).NormaliseShifts);
        var e = Assert.ThrowsAny<Exception>(() => new FloatMultiplier(new FloatCoreConfig(M: 25)));
        Assert.Contains("'m'", e.Message);
    }
}
