using Xunit.Abstractions;

namespace Zfpe.Sim.Tests;

public sealed class CppDriverTests(ITestOutputHelper output)
{
    [Fact]
    public void The_plain_Cpp_driver_and_the_bridge_compute_the_same_checksum()
    {
        // The zoo has every port width class and signed ports: equal checksums mean the bridge
        // moves every bit exactly as the C++ loop does.
        var model = ModelCache.Default.GetOrBuild(Designs.WidthZoo(), NoWaves);
        PatternResult bridge;
        using (var sim = model.Start())
            bridge = InputPattern.Run(sim, cycles: 20_000, seed: 12345, resetCycles: 3);
        var cpp = model.CppDriver().Run(cycles: 20_000, seed: 12345, resetCycles: 3);
        output.WriteLine($"bridge: {bridge}\nC++:    {cpp}");
        Assert.Equal(cpp.Checksum, bridge.Checksum);
        Assert.Equal(20_000, cpp.Cycles);
        Assert.NotEqual(InputPattern.ChecksumSeed, bridge.Checksum);
    }

    [Fact]
    public void A_different_seed_gives_a_different_checksum()
    {
        var model = ModelCache.Default.GetOrBuild(Designs.WidthZoo(), NoWaves);
        var driver = model.CppDriver();
        Assert.NotEqual(driver.Run(1000, seed: 1).Checksum, driver.Run(1000, seed: 2).Checksum);
    }

    [Fact]
    public void The_cosim_benchmark_times_both_on_the_compressor_sized_stand_in()
    {
        var comparison = CosimBenchmark.Run(Designs.BlockPipeline(), cycles: 50_000, seed: 3, repeats: 2);
        output.WriteLine(comparison.ToString());
        Assert.True(comparison.ChecksumsMatch, comparison.ToString());
        Assert.Equal(50_000, comparison.Bridge.Cycles);
        Assert.True(comparison.Ratio > 0);
        Assert.Contains("bridge_vs_cpp=", comparison.ToString());
    }

    [Fact]
    public void The_pattern_needs_a_fresh_simulation()
    {
        using var sim = Simulation.Create(Designs.WidthZoo(), NoWaves);
        sim.Step(1);
        Assert.Throws<InvalidOperationException>(() => InputPattern.Run(sim, 10, seed: 1));
    }
}
