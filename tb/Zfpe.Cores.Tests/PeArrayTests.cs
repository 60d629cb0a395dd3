using Stalls = Zfpe.Sim.StallProfile;

namespace Zfpe.Cores.Tests;

/// <summary>
/// The PE array on the Verilator bridge: whole dense layers through its streams in the order of
/// <see cref="ArraySchedule"/>, under time-varying stalls of every stream, each result bit-exact with
/// <see cref="DenseReference"/> (padding outputs dropped, padding rows computed, ReLU or none);
/// its multiply-adds per cycle with the streams never starved; lint.
/// </summary>
public class PeArrayTests
{
    private static Simulation Create(PeArray top, string test)
    {
        var c = top.Config;
        return Simulation.Create(Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(top)),
            new SimOptions { Name = $"pe-array-p{c.Pes}-m{c.M}-k{c.OutputsPerPe}-b{c.BatchTile}-{test}" });
    }

    private static DenseLayer RandomLayer(Random r, int outputs, int inputs, bool bias, DenseActivation activation) =>
        new(outputs, inputs, Values(r, outputs * inputs, 0.25), bias ? Values(r, outputs, 1) : null, activation);

    /// <summary>Values of mixed magnitudes and signs, some zeros.</summary>
    private static float[] Values(Random r, int count, double scale) =>
        [.. Enumerable.Range(0, count).Select(_ => r.Next(16) == 0 ? 0f : (float)((r.NextDouble() * 2 - 1) * scale * Math.Pow(2, r.Next(-5, 6))))];

    private static uint Bits(float v) => BitConverter.SingleToUInt32Bits(v);

    /// <summary>One layer through the array; every result checked against the reference, in the schedule's order.</summary>
    private static StreamBenchResult Run(PeArray top, Simulation sim, DenseLayer layer, float[] x, int batch, int seed, bool stalls = true)
    {
        var c = top.Config;
        var schedule = new ArraySchedule(new ArrayGeometry(c.Pes, c.OutputsPerPe, c.BatchTile), layer.Outputs, layer.Inputs, batch);
        var format = new SimpleFloatFormat(c.M, c.GuardBits);
        sim.Poke(top.LayerOutputs, (ulong)layer.Outputs);
        sim.Poke(top.Relu, layer.Activation == DenseActivation.Relu);
        using var bench = new StreamBench(sim, seed);
        Stalls Profile(int period, int s) => stalls ? Stalls.Random(period, s) : Stalls.None;
        var biases = bench.Source<uint>(sim.Stream(top.Biases), Profile(1700, seed + 1));
        var weights = bench.Source<uint>(sim.Stream(top.Weights), Profile(1300, seed + 2));
        var inputs = bench.Source<uint>(sim.Stream(top.Inputs), Profile(1100, seed + 3));
        var results = bench.Sink<uint>(sim.Stream(top.Results), Profile(2300, seed + 4));
        biases.Send([.. schedule.Biases(layer).Select(Bits)]);
        weights.Send([.. schedule.Weights(layer).Select(Bits)]);
        // one packet per tile: last on the final beat of the tile's last input
        foreach (var tile in schedule.InputValues(x).Select(Bits).Chunk(layer.Inputs * c.BatchTile))
            inputs.Send(tile);
        var expected = schedule.ResultValues(layer, x, format).ToList();
        var order = schedule.ResultOrder().ToList();
        (int, int) TileOf(int n) => (order[n].Row / c.BatchTile, order[n].Output / c.TileOutputs);
        for (var n = 0; n < expected.Count; n++)
            results.Expect(Bits(expected[n]), last: n == expected.Count - 1 || TileOf(n + 1) != TileOf(n));
        var result = bench.Run(minCycles: 0, maxCycles: 40 * schedule.MultiplyAdds / c.Pes + 200_000);
        Assert.Equal(expected.Count, result.BeatsOut[0]);
        return result;
    }

    public static TheoryData<int> DefaultPes => [1, 4, 8, 16];

    [Theory]
    [MemberData(nameof(DefaultPes))]
    public void A_256_by_256_layer_with_bias_for_a_batch_of_16_matches_the_reference(int pes)
    {
        var top = new PeArray(new PeArrayConfig(Pes: pes));
        using var sim = Create(top, "reference");
        var r = new Random(100 + pes);
        var layer = RandomLayer(r, 256, 256, bias: true, pes % 8 == 0 ? DenseActivation.Relu : DenseActivation.None);
        Run(top, sim, layer, Values(r, 16 * 256, 1), 16, seed: pes);
    }

    [Theory]
    [InlineData(4, 8, 16, 37, 19, 21, true, DenseActivation.Relu, 11)]     // outputs, inputs, batch: no multiple of anything
    [InlineData(4, 8, 16, 33, 1, 1, false, DenseActivation.None, 12)]      // one input, one row: the tile mostly padding
    [InlineData(3, 5, 7, 16, 9, 15, true, DenseActivation.Relu, 13)]      // K·B = 35: an odd geometry
    [InlineData(2, 1, 1, 5, 30, 3, true, DenseActivation.None, 14)]        // K = B = 1: a PE waits for its own sums
    [InlineData(5, 4, 24, 100, 7, 50, true, DenseActivation.Relu, 15)]     // more PEs than B, a batch over two tiles
    public void Layers_whose_sizes_are_not_multiples_of_the_tile_match_the_reference(
        int pes, int outputsPerPe, int batchTile, int outputs, int inputs, int batch, bool bias, DenseActivation activation, int seed)
    {
        var top = new PeArray(new PeArrayConfig(Pes: pes, OutputsPerPe: outputsPerPe, BatchTile: batchTile));
        using var sim = Create(top, "shapes");
        var r = new Random(seed);
        Run(top, sim, RandomLayer(r, outputs, inputs, bias, activation), Values(r, batch * inputs, 1), batch, seed);
    }

    [Fact]
    public void Layers_of_different_sizes_run_one_after_another()
    {
        var top = new PeArray(new PeArrayConfig(Pes: 3, OutputsPerPe: 4, BatchTile: 8));
        using var sim = Create(top, "sequence");
        var r = new Random(21);
        foreach (var (outputs, inputs, batch, activation) in new[] { (30, 12, 9, DenseActivation.Relu), (7, 30, 8, DenseActivation.None), (12, 7, 20, DenseActivation.Relu) })
            Run(top, sim, RandomLayer(r, outputs, inputs, bias: true, activation), Values(r, batch * inputs, 1), batch, seed: outputs);
    }

    [Fact]
    public void With_its_streams_never_starved_it_keeps_its_pes_busy()
    {
        var config = new PeArrayConfig(Pes: 8);
        var top = new PeArray(config);
        using var sim = Create(top, "throughput");
        var r = new Random(31);
        const int inputs = 256;
        var layer = RandomLayer(r, 128, inputs, bias: true, DenseActivation.None);
        var result = Run(top, sim, layer, Values(r, 32 * inputs, 1), 32, seed: 31, stalls: false);
        var macs = 128L * inputs * 32;
        var perCycle = (double)macs / result.Cycles;
        // the documented bound: pes · inputs / (inputs + pes − 1), less the filling and the last drain
        var bound = config.Pes * (double)inputs / (inputs + config.Pes - 1);
        Console.WriteLine($"pe-array pes={config.Pes}: {macs} multiply-adds in {result.Cycles} cycles: {perCycle:F2} per cycle (bound {bound:F2})");
        Assert.True(perCycle >= 0.9 * bound, $"{perCycle:F2} multiply-adds per cycle, below 90 % of {bound:F2}");
    }

    [Fact]
    public void It_is_lint_clean() =>
        Assert.Equal("", VerilogTools.Lint(Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(new PeArray(new PeArrayConfig(Pes: 4))))));

    [Fact]
    public void A_bad_geometry_is_refused_with_the_parameter_named()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new PeArray(new PeArrayConfig(Pes: 65)));
        Assert.Contains("'pes'", e.Message);
        Assert.Contains("65", e.Message);
        var k = Assert.ThrowsAny<ArgumentException>(() => new PeArray(new PeArrayConfig(OutputsPerPe: 64, BatchTile: 16)));
        Assert.Contains("64 x 16 = 1024", k.Message);
    }
}
