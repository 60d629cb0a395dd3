using System.CommandLine;
using System.Globalization;
using Zfpe.Cli.Adapters;
using Zfpe.Cores.Designs;
using Zfpe.Cores.Processing;
using Zfpe.Reference.Dense;

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
        var outputs = new Option<int>("--outputs") { Description = "the layer's outputs", DefaultValueFactory = _ => PeArrayRun.DefaultOutputs };
        var inputs = new Option<int>("--inputs") { Description = "the layer's inputs", DefaultValueFactory = _ => PeArrayRun.DefaultInputs };
        var batch = new Option<int>("--batch") { Description = "batch rows", DefaultValueFactory = _ => PeArrayRun.DefaultBatch };
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
            const long maxValues = 1L << 26;
            if ((long)o * i > maxValues || (long)n * i > maxValues)
                throw new CliException($"--outputs {o} x --inputs {i} and --batch {n} x --inputs {i}: at most {maxValues:N0} weights and {maxValues:N0} input values each (the layer is simulated in memory)");
            var run = PeArrayRun.Measure(top, o, i, n, s, message => Console.Error.WriteLine($"bench pe-array: {message}"));
            var schedule = run.Schedule;
            var expected = run.Expected;
            var wrong = run.Mismatches;
            var perCycle = run.MacsPerCycle;
            var bound = run.Bound;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pe-array pes={c.Pes} outputs-per-pe={c.OutputsPerPe} batch-tile={c.BatchTile}: {schedule.MultiplyAdds:N0} multiply-adds (padding included) in {run.Cycles:N0} cycles"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"macs_per_cycle={perCycle:F3} per_pe={perCycle / c.Pes:F3} (vs the ideal: 1 per PE every cycle) vs_bound={perCycle / bound:F3} (bound {bound:F2}: pes x min(1, batch-tile/pes) x inputs/(inputs+pes-1))"));
            if (wrong.Count == 0)
            {
                Console.WriteLine($"results: all {expected.Count} bit-exact with the dense-layer reference");
                return CliRunner.Ok;
            }
            var first = schedule.ResultOrder().ElementAt(wrong[0]);
            Console.WriteLine($"results: {wrong.Count} of {expected.Count} differ from the dense-layer reference; the first is row {first.Row}, output {first.Output}: {run.Results[wrong[0]]:x8}, expected {expected[wrong[0]]:x8}");
            return CliRunner.CheckFailed;
        }));
        return cmd;
    }

    private static void Require(string option, int value, int min, int max)
    {
        if (value < min || value > max) throw new CliException($"{option} = {value} is out of range: allowed {min}..{max}");
    }
}
