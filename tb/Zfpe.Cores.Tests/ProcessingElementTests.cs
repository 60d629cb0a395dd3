using Zfpe.Hdl;
using Stalls = Zfpe.Sim.StallProfile;

namespace Zfpe.Cores.Tests;

/// <summary>
/// The processing element on the Verilator bridge: tiles of random layers through its three input
/// streams under time-varying stalls, every result bit-exact with <see cref="DenseReference"/> in
/// the documented order (for k: for b); one multiply-add per cycle when its streams keep up; lint;
/// its area after Yosys.
/// </summary>
public class ProcessingElementTests
{
    private sealed record Tile(DenseLayer Layer, float[] X);

    private static Simulation Create(ProcessingElement top, string test)
    {
        var c = top.Config;
        return Simulation.Create(Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(top)),
            new SimOptions { Name = $"pe-m{c.M}-k{c.OutputsPerPe}-b{c.BatchTile}-{test}" });
    }

    /// <summary>A tile of K outputs × <paramref name="inputs"/> inputs for B rows: weights, biases and inputs of mixed magnitudes and signs, some zeros.</summary>
    private static Tile RandomTile(Random r, PeConfig c, int inputs)
    {
        float Value(double scale) => r.Next(16) == 0 ? 0f : (float)((r.NextDouble() * 2 - 1) * scale * Math.Pow(2, r.Next(-6, 7)));
        var weights = Enumerable.Range(0, c.OutputsPerPe * inputs).Select(_ => Value(0.5)).ToArray();
        var bias = r.Next(4) == 0 ? null : Enumerable.Range(0, c.OutputsPerPe).Select(_ => Value(1)).ToArray();
        var x = Enumerable.Range(0, c.BatchTile * inputs).Select(_ => Value(1)).ToArray();
        return new Tile(new DenseLayer(c.OutputsPerPe, inputs, weights, bias, DenseActivation.None), x);
    }

    private static uint Bits(float v) => BitConverter.SingleToUInt32Bits(v);

    /// <summary>Feeds <paramref name="tiles"/> in order and checks every result against the dense-layer reference.</summary>
    private static StreamBenchResult Run(ProcessingElement top, Simulation sim, IReadOnlyList<Tile> tiles, int seed, bool stalls = true, Stalls? resultStalls = null)
    {
        var c = top.Config;
        var format = new SimpleFloatFormat(c.M, c.GuardBits);
        var bench = new StreamBench(sim, seed);
        Stalls Profile(int period, int s) => stalls ? Stalls.Random(period, s) : Stalls.None;
        var biases = bench.Source<uint>(sim.Stream(top.Biases), Profile(1700, seed + 1));
        var weights = bench.Source<uint>(sim.Stream(top.Weights), Profile(1300, seed + 2));
        var inputs = bench.Source<uint>(sim.Stream(top.Inputs), Profile(1100, seed + 3));
        var results = bench.Sink<uint>(sim.Stream(top.Results), resultStalls ?? Profile(2300, seed + 4));
        foreach (var tile in tiles)
        {
            var layer = tile.Layer;
            biases.Send([.. Enumerable.Range(0, layer.Outputs).Select(k => Bits(layer.BiasOf(k)))]);
            weights.Send([.. Enumerable.Range(0, layer.Inputs).SelectMany(i => Enumerable.Range(0, layer.Outputs).Select(k => Bits(layer.Weight(k, i))))]);
            inputs.Send([.. Enumerable.Range(0, layer.Inputs).SelectMany(i => Enumerable.Range(0, c.BatchTile).Select(b => Bits(tile.X[b * layer.Inputs + i])))]);
            var y = DenseReference.Compute(layer, tile.X, c.BatchTile, format);
            for (var k = 0; k < layer.Outputs; k++)
                for (var b = 0; b < c.BatchTile; b++)
                    results.Expect(Bits(y[b * layer.Outputs + k]), last: k == layer.Outputs - 1 && b == c.BatchTile - 1);
        }
        var macs = tiles.Sum(t => (long)t.Layer.Outputs * t.Layer.Inputs * c.BatchTile);
        var result = bench.Run(minCycles: 0, maxCycles: 60 * macs + 100_000);
        Assert.Equal(tiles.Sum(t => t.Layer.Outputs * c.BatchTile), result.BeatsOut[0]);
        return result;
    }

    [Theory]
    [InlineData(8, 16, 18, 40, 1)]     // the default: 128 partial sums circulate
    [InlineData(3, 5, 18, 60, 2)]      // 15 partial sums, fewer than the circulation latency: the PE waits, the sums stay right
    [InlineData(1, 1, 18, 200, 3)]     // one partial sum
    [InlineData(64, 8, 18, 4, 4)]      // 512 partial sums: the queue full
    [InlineData(5, 7, 12, 40, 5)]      // another format
    [InlineData(4, 6, 24, 40, 6)]
    public void Every_result_matches_the_dense_layer_reference_under_random_stalls(int outputs, int rows, int m, int tiles, int seed)
    {
        var config = new PeConfig(M: m, OutputsPerPe: outputs, BatchTile: rows);
        var top = new ProcessingElement(config);
        using var sim = Create(top, "reference");
        var r = new Random(seed);
        var work = Enumerable.Range(0, tiles).Select(t => RandomTile(r, config, t % 7 == 0 ? 1 : r.Next(1, 24))).ToList();
        Run(top, sim, work, seed);
    }

    [Fact]
    public void With_its_streams_never_starved_it_does_one_multiply_add_per_cycle()
    {
        var config = new PeConfig();
        var top = new ProcessingElement(config);
        Assert.True(config.Accumulators >= top.CirculationLatency, $"K·B = {config.Accumulators} < circulation latency {top.CirculationLatency}");
        using var sim = Create(top, "throughput");
        var r = new Random(7);
        var work = Enumerable.Range(0, 4).Select(_ => RandomTile(r, config, 64)).ToList();
        var result = Run(top, sim, work, 7, stalls: false);
        var macs = work.Sum(t => (long)t.Layer.Outputs * t.Layer.Inputs * config.BatchTile);
        var perCycle = (double)macs / result.Cycles;
        Console.WriteLine($"pe: {macs} multiply-adds in {result.Cycles} cycles: {perCycle:F3} per cycle");
        Assert.True(perCycle >= 0.98, $"{perCycle:F3} multiply-adds per cycle, below 0.98 ({macs} in {result.Cycles} cycles)");
    }

    [Fact]
    public void Results_held_back_for_long_never_overflow_the_sums_queue()
    {
        // One-input tiles of 64 x 8 = 512 sums, each a result at once: with the results stream blocked
        // 8,000 cycles at a time, finished tiles would pile up in the sums queue (1,024 words) if the
        // PE did not stop starting tiles at PendingTiles.
        var config = new PeConfig(OutputsPerPe: 64, BatchTile: 8);
        var top = new ProcessingElement(config);
        Assert.Equal(1, top.PendingTiles);
        using var sim = Create(top, "held-back");
        var r = new Random(11);
        var work = Enumerable.Range(0, 6).Select(_ => RandomTile(r, config, 1)).ToList();
        Run(top, sim, work, 11, stalls: false, resultStalls: Stalls.Stepping(8000, levels: [1.0, 0.0]));
    }

    [Fact]
    public void It_is_lint_clean() =>
        Assert.Equal("", VerilogTools.Lint(Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(new ProcessingElement(new PeConfig())))));

    [Fact]
    public void Too_many_partial_sums_are_refused_with_the_parameters_named()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new ProcessingElement(new PeConfig(OutputsPerPe: 64, BatchTile: 16)));
        Assert.Contains("'batch-tile' = 16", e.Message);
        Assert.Contains("64 x 16 = 1024", e.Message);
    }
}
