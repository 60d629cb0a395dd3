using System.Globalization;
using Zfpe.Cores.Processing;
using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Reference.Datasets;
using Zfpe.Reference.Dense;
using Zfpe.Reference.Float;
using Zfpe.Sim;

namespace Zfpe.Cli.Adapters;

/// <summary>
/// One dense layer through the Verilated PE array with its streams never starved, in the order of
/// <see cref="ArraySchedule"/>, every result compared with <see cref="DenseReference"/>: what
/// `zfpe bench pe-array` prints and the `macs_per_cycle` figure of `zfpe sweep pe-array`. It lives
/// in the CLI because it ties the design (Cores), the reference (Reference) and the simulator (Sim).
/// </summary>
public sealed record PeArrayRun(ArraySchedule Schedule, long Cycles, IReadOnlyList<uint> Results, IReadOnlyList<uint> Expected)
{
    /// <summary>The layer of the benchmark and the sweep: 256 outputs × 1024 inputs, batch 32, ReLU.</summary>
    public const int DefaultOutputs = 256, DefaultInputs = 1024, DefaultBatch = 32;

    public double MacsPerCycle => Schedule.MultiplyAdds / (double)Cycles;

    /// <summary>The documented bound: pes · min(1, batch-tile / pes) · inputs / (inputs + pes − 1).</summary>
    public double Bound
    {
        get
        {
            var g = Schedule.Geometry;
            return g.Pes * Math.Min(1.0, g.BatchTile / (double)g.Pes) * Schedule.Inputs / (Schedule.Inputs + g.Pes - 1.0);
        }
    }

    /// <summary>Positions (in result order) where the array's bits differ from the reference's.</summary>
    public IReadOnlyList<int> Mismatches => Enumerable.Range(0, Expected.Count).Where(k => Results[k] != Expected[k]).ToList();

    /// <summary>Runs a seeded weight-like layer (<see cref="ReferenceDatasets.WeightLike"/>) of the given shape through <paramref name="top"/>.</summary>
    public static PeArrayRun Measure(PeArray top, int outputs, int inputs, int batch, int seed, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(top);
        var c = top.Config;
        var layer = new DenseLayer(outputs, inputs, ReferenceDatasets.WeightLike(outputs * inputs, seed), ReferenceDatasets.WeightLike(outputs, seed + 1), DenseActivation.Relu);
        var x = ReferenceDatasets.WeightLike(batch * inputs, seed + 2);
        var schedule = new ArraySchedule(new ArrayGeometry(c.Pes, c.OutputsPerPe, c.BatchTile), outputs, inputs, batch);
        progress?.Invoke($"{c.Pes} PEs ({c.OutputsPerPe} outputs x {c.BatchTile} rows each), a {outputs} x {inputs} layer, batch {batch}; building the model...");
        using var sim = Simulation.Create(Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(top)),
            new SimOptions { Name = string.Create(CultureInfo.InvariantCulture, $"pe-array-run-p{c.Pes}-k{c.OutputsPerPe}-b{c.BatchTile}-m{c.M}") });
        sim.Poke(top.LayerOutputs, (ulong)outputs);
        sim.Poke(top.Relu, true);
        static uint[] Word(float v) => [BitConverter.SingleToUInt32Bits(v)];
        var feeds = new[]
        {
            new StreamFeed(sim.Stream(top.Biases), [schedule.Biases(layer).Select(Word).ToList()]),
            new StreamFeed(sim.Stream(top.Weights), [schedule.Weights(layer).Select(Word).ToList()]),
            new StreamFeed(sim.Stream(top.Inputs), [.. schedule.InputValues(x).Select(Word).Chunk(inputs * c.BatchTile)]),
        };
        var expected = schedule.ResultValues(layer, x, new SimpleFloatFormat(c.M, c.GuardBits)).Select(BitConverter.SingleToUInt32Bits).ToList();
        progress?.Invoke($"running {schedule.MultiplyAdds:N0} multiply-adds...");
        var run = StreamRunner.Run(sim, feeds, sim.Stream(top.Results), expected.Count, stall: 0, seed);
        return new PeArrayRun(schedule, run.Cycles, run.Output.Select(w => w[0]).ToList(), expected);
    }
}
