using System.CommandLine;
using System.Globalization;
using Zfpe.Cores.Designs;
using Zfpe.Cores.Processing;
using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Reference.Datasets;
using Zfpe.Reference.Dense;
using Zfpe.Reference.Float;
using Zfpe.Sim;

namespace Zfpe.Cli.Commands;

/// <summary>
/// `zfpe bench pe-array`: one dense layer through the Verilated PE array with its streams never
/// starved; prints the multiply-adds per cycle, per PE, and the ratio against the ideal (every PE
/// busy every cycle) and against the array's documented bound; every result checked against
/// <see cref="DenseReference"/>.
/// </summary>
public static class PeArrayBench
{
    public static Command Create()
    {
        var set = GenCommands.SetOption();
        var outputs = new Option<int>("--outputs") { Description = "the layer's outputs", DefaultValueFactory = _ => 256 };
        var inputs = new Option<int>("--inputs") { Description = "the layer's inputs", DefaultValueFactory = _ => 1024 };
        var batch = new Option<int>("--batch") { Description = "batch rows", DefaultValueFactory = _ => 32 };
        var seed = new Option<int>("--seed") { Description = "seed of the layer's values", DefaultValueFactory = _ => 1 };
        var cmd = new Command("pe-array", "multiply-adds per cycle of the simulated PE array on one layer (streams never starved), against pes per cycle")
            { set, outputs, inputs, batch, seed };
        cmd.SetAction(r => CliRunner.Run(() =>
        {
            var top = (PeArray)DesignCatalog.Get("pe-array").Build(DesignCatalog.ParseSettings(r.GetValue(set)!));
            var c = top.Config;
            int o = r.GetValue(outputs), i = r.GetValue(inputs), n = r.GetValue(batch), s = r.GetValue(seed);
            Require("--outputs", o, 1, (1 << PeArrayConfig.OutputCountBits) - 1);
            Require("--inputs", i, 1, 1 << 20);
            Require("--batch", n, 1, 1 << 16);
            var layer = new DenseLayer(o, i, ReferenceDatasets.WeightLike(o * i, s), ReferenceDatasets.WeightLike(o, s + 1), DenseActivation.Relu);
            var x = ReferenceDatasets.WeightLike(n * i, s + 2);
            var schedule = new ArraySchedule(new ArrayGeometry(c.Pes, c.OutputsPerPe, c.BatchTile), o, i, n);
            Console.Error.WriteLine($"bench pe-array: {c.Pes} PEs ({c.OutputsPerPe} outputs x {c.BatchTile} rows each), a {o} x {i} layer, batch {n}; building the model...");
            using var sim = Simulation.Create(Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(top)), new SimOptions { Name = $"bench-pe-array-p{c.Pes}-k{c.OutputsPerPe}-b{c.BatchTile}-m{c.M}" });
            sim.Poke(top.LayerOutputs, (ulong)o);
            sim.Poke(top.Relu, true);
            static uint[] Word(float v) => [BitConverter.SingleToUInt32Bits(v)];
            IReadOnlyList<IReadOnlyList<uint[]>> Packet(IEnumerable<float> values) => [values.Select(Word).ToList()];
            var feeds = new[]
            {
                new StreamFeed(sim.Stream(top.Biases), Packet(schedule.Biases(layer))),
                new StreamFeed(sim.Stream(top.Weights), Packet(schedule.Weights(layer))),
                new StreamFeed(sim.Stream(top.Inputs), [.. schedule.InputValues(x).Select(Word).Chunk(i * c.BatchTile)]),
            };
            var expected = schedule.ResultValues(layer, x, new SimpleFloatFormat(c.M, c.GuardBits)).Select(BitConverter.SingleToUInt32Bits).ToList();
            Console.Error.WriteLine($"bench pe-array: running {schedule.MultiplyAdds:N0} multiply-adds...");
            var run = StreamRunner.Run(sim, feeds, sim.Stream(top.Results), expected.Count, stall: 0, seed: s);
            var wrong = Enumerable.Range(0, expected.Count).Where(k => run.Output[k][0] != expected[k]).ToList();

            var perCycle = schedule.MultiplyAdds / (double)run.Cycles;
            var bound = c.Pes * Math.Min(1.0, c.BatchTile / (double)c.Pes) * i / (i + c.Pes - 1.0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pe-array pes={c.Pes} outputs-per-pe={c.OutputsPerPe} batch-tile={c.BatchTile}: {schedule.MultiplyAdds:N0} multiply-adds (padding included) in {run.Cycles:N0} cycles"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"macs_per_cycle={perCycle:F3} per_pe={perCycle / c.Pes:F3} vs_ideal={perCycle / c.Pes:F3} vs_bound={perCycle / bound:F3} (bound {bound:F2}: pes x min(1, batch-tile/pes) x inputs/(inputs+pes-1))"));
            if (wrong.Count == 0)
            {
                Console.WriteLine($"results: all {expected.Count} bit-exact with the dense-layer reference");
                return CliRunner.Ok;
            }
            var first = schedule.ResultOrder().ElementAt(wrong[0]);
            Console.WriteLine($"results: {wrong.Count} of {expected.Count} differ from the dense-layer reference; the first is row {first.Row}, output {first.Output}: {run.Output[wrong[0]][0]:x8}, expected {expected[wrong[0]]:x8}");
            return CliRunner.CheckFailed;
        }));
        return cmd;
    }

    private static void Require(string option, int value, int min, int max)
    {
        if (value < min || value > max) throw new CliException($"{option} = {value} is out of range: allowed {min}..{max}");
    }
}
