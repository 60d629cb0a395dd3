using System.CommandLine;
using System.Globalization;
using Zfpe.Cli.Adapters;
using Zfpe.Cores.Accelerator;
using Zfpe.Cores.Designs;
using Zfpe.Reference.Datasets;
using Zfpe.Reference.Dense;

namespace Zfpe.Cli.Commands;

/// <summary>
/// `zfpe bench accel`: one large dense layer on the simulated accelerator core with the SDRAM chip
/// model, twice in one run: weights ZFPe-compressed (the build of --set) and weights as raw float32
/// (the same build with weights=raw). Prints, from the core's hardware counters, the multiply-adds per
/// cycle, the PE utilisation and the cycles the array waited for weights; the last line reads
/// <c>pe_utilisation=… raw_pe_utilisation=… zfpe_vs_raw=…</c> (the speed-up compression gives). Every
/// output word is checked against the accelerator reference.
/// </summary>
public static class AccelBench
{
    public const int DefaultOutputs = 1024, DefaultInputs = 1024, DefaultBatch = 64;

    public static Command Create()
    {
        var set = GenCommands.SetOption();
        var outputs = new Option<int>("--outputs") { Description = "the layer's outputs", DefaultValueFactory = _ => DefaultOutputs };
        var inputs = new Option<int>("--inputs") { Description = "the layer's inputs", DefaultValueFactory = _ => DefaultInputs };
        var batch = new Option<int>("--batch") { Description = "batch rows", DefaultValueFactory = _ => DefaultBatch };
        var cmd = new Command("accel", "PE utilisation of the simulated accelerator core on one large layer, weights ZFPe-compressed against raw float32, from its hardware counters")
            { set, outputs, inputs, batch };
        cmd.SetAction(r => CliRunner.Run(() =>
        {
            var settings = DesignCatalog.Get("accel-core").Resolve(DesignCatalog.ParseSettings(r.GetValue(set)!));
            var compressed = (AcceleratorCoreConfig)settings.Config;
            if (compressed.Weights == WeightStorage.Raw)
                throw new CliException("--set weights=raw: the benchmark runs the raw build itself, beside the compressed one; leave weights at zfpe");
            int o = r.GetValue(outputs), i = r.GetValue(inputs), n = r.GetValue(batch);
            Require("--outputs", o, 1, ushort.MaxValue);
            Require("--inputs", i, 1, ushort.MaxValue);
            Require("--batch", n, 1, 1 << 14);
            const long maxValues = 1L << 26;
            if ((long)o * i > maxValues || (long)n * i > maxValues)
                throw new CliException($"--outputs {o} x --inputs {i} and --batch {n} x --inputs {i}: at most {maxValues:N0} weights and {maxValues:N0} input values each (the layer is held in memory)");
            var layer = new DenseLayer(o, i, ReferenceDatasets.WeightLike(o * i, 1), ReferenceDatasets.WeightLike(o, 2), DenseActivation.Relu);
            var x = ReferenceDatasets.WeightLike(n * i, 3);
            var c = CultureInfo.InvariantCulture;

            AccelCoreLayer Measure(AcceleratorCoreConfig config, string label)
            {
                var run = AccelCoreRun.Run(config, [layer], x, n, string.Create(c, $"bench-p{config.Pes}-b{config.B}-{label}"),
                    progress: message => Console.Error.WriteLine($"bench accel ({label}): {message}"))[0];
                if (run.FirstMismatch is not null) throw new CliException($"the {label} build differs from the accelerator reference: {run.FirstMismatch}", CliRunner.CheckFailed);
                Console.WriteLine(string.Format(c,
                    "{0,-6} pes={1} b={2}: {3:N0} multiply-adds in {4:N0} busy cycles: {5:F2} MACs/cycle, PE utilisation {6:P1}; the array waited for weights {7:P1} of the time, " +
                    "for inputs {8:P1}; {9:N0} words read ({10:F2} a cycle)",
                    label, config.Pes, config.B, run.WeightsTaken * config.BatchTile, run.BusyCycles, run.MacsPerCycle, run.Utilisation,
                    (double)run.WeightStarved / run.BusyCycles, (double)run.InputStarved / run.BusyCycles, run.WordsRead, (double)run.WordsRead / run.BusyCycles));
                return run;
            }

            Console.WriteLine(string.Create(c, $"accel-core: a {o} x {i} layer with bias and ReLU, batch {n}; every output word checked against the accelerator reference"));
            var zfpe = Measure(compressed, "zfpe");
            var raw = Measure(compressed with { Weights = WeightStorage.Raw }, "raw");
            Console.WriteLine(string.Format(c, "pe_utilisation={0:F3} raw_pe_utilisation={1:F3} zfpe_vs_raw={2:F2}",
                zfpe.Utilisation, raw.Utilisation, (double)raw.BusyCycles / zfpe.BusyCycles));
            return CliRunner.Ok;
        }));
        return cmd;
    }

    private static void Require(string option, int value, int min, int max)
    {
        if (value < min || value > max) throw new CliException($"{option} = {value} is out of range: allowed {min}..{max}");
    }
}
