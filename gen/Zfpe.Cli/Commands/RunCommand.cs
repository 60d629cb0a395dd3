using System.CommandLine;
using System.Globalization;
using Zfpe.Cli.Adapters;
using Zfpe.Cli.Presentation;
using Zfpe.Cores.Accelerator;
using Zfpe.Cores.Designs;
using Zfpe.Host;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Dense;
using Zfpe.Reference.Files;
using Zfpe.Reference.Training;

namespace Zfpe.Cli.Commands;

/// <summary>
/// <c>zfpe run --model M.json --inputs X.npy --out Y.npy [--sim [--set k=v]… [--backdoor]] [--port DEV] [--baud N]
/// [--timeout S] [--labels L.npy] [--host-rounding truncate|nearest]</c>: runs a model on the ulx3s-accel design,
/// on a board over its serial port or on the Verilated board design (<c>--sim</c>), writes the outputs
/// as .npy, and compares every layer's outputs with the accelerator reference (bit-exact expected) and
/// the last layer's with float64. Exit codes: 0 bit-exact; 1 not; 2 bad input; 4 the board did not
/// answer, answered out of protocol, or is another build.
/// </summary>
public static class RunCommand
{
    public const string DesignName = "ulx3s-accel";

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "the model: {\"layers\": [{\"weights\": \"w1.npy\", \"bias\": \"b1.npy\", \"activation\": \"relu\"}, ...]} (zfpe train-mlp writes one)", Required = true };
        var inputs = new Option<string>("--inputs") { Description = "the batch: a .npy of shape (batch, inputs)", Required = true };
        var output = new Option<string>("--out") { Description = "the outputs: a .npy of shape (batch, outputs), as the accelerator computed them", Required = true };
        var sim = new Option<bool>("--sim") { Description = "run on the Verilated ulx3s-accel design with the SDRAM chip model instead of a board" };
        var set = new Option<string[]>("--set") { Description = "with --sim: a design parameter of ulx3s-accel (pes, b, exponent-bits, split, ...), as zfpe gen takes them; with a board: what the board must be (checked against its info)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var backdoor = new Option<bool>("--backdoor") { Description = "with --sim: load weights and inputs into the chip model and read results from it directly (layers are still set up and started over the serial line); much faster for large runs" };
        var port = new Option<string>("--port") { Description = "the serial device of the ULX3S", DefaultValueFactory = _ => HostCommand.DefaultPort };
        var baud = new Option<int>("--baud") { Description = "bit/s; must be the design's baud parameter", DefaultValueFactory = _ => HostCommand.DefaultBaud };
        var timeout = new Option<double>("--timeout") { Description = "seconds to wait for a reply before giving up", DefaultValueFactory = _ => 2.0 };
        var labels = new Option<string?>("--labels") { Description = "class labels (.npy of batch integers): report the accuracy of the outputs' argmax" };
        var hostRounding = new Option<string>("--host-rounding") { Description = "how the host encodes the weights and inputs: truncate (the authors') or nearest (ZFPe+)", DefaultValueFactory = _ => "truncate" };
        var command = new Command("run", "run a model (dense layers) on the ZFPe accelerator, a board or its simulation, and check it bit for bit against the accelerator reference")
        {
            model, inputs, output, sim, set, backdoor, port, baud, timeout, labels, hostRounding,
        };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var seconds = parse.GetValue(timeout);
            if (!double.IsFinite(seconds) || seconds <= 0 || seconds > 3600)
                throw new CliException($"--timeout {seconds.ToString(CultureInfo.InvariantCulture)} is out of range: allowed (0, 3600] seconds");
            var rounding = parse.GetValue(hostRounding) switch
            {
                "truncate" => ZfpeRounding.Truncate,
                "nearest" => ZfpeRounding.Nearest,
                var other => throw new CliException($"--host-rounding {other} is not known: use truncate or nearest"),
            };
            var modelPath = parse.GetValue(model)!;
            var inputsPath = parse.GetValue(inputs)!;
            var labelsPath = parse.GetValue(labels);
            var target = CommandOutput.Resolve(parse.GetValue(output)!, "--out", (modelPath, "--model"), (inputsPath, "--inputs"), (labelsPath, "--labels"));
            var format = TensorFile.Output(target, "--out");
            var (layers, x, batch) = ReadModel(modelPath, inputsPath);
            var truth = labelsPath is null ? null : ReadLabels(labelsPath, batch);

            var design = DesignCatalog.Get(DesignName);
            var given = DesignCatalog.ParseSettings(parse.GetValue(set)!);
            var settings = design.Resolve(given);
            if (!parse.GetValue(sim) && parse.GetValue(backdoor))
                throw new CliException("--backdoor needs --sim: a board's memory is reached over its serial line only");
            if (parse.GetValue(sim))
            {
                var config = (Ulx3sAccelConfig)settings.Config;
                Console.Error.WriteLine($"zfpe: simulating {DesignName} ({config}); building the model (cached after the first run)...");
                using var board = new SimulatedAccelBoard(config, $"run-{DesignName}");
                return Run(board, board, parse.GetValue(backdoor), null, TimeSpan.FromSeconds(seconds), layers, x, batch, rounding, truth, format, Console.Out);
            }
            using var link = new HostSerialPort(parse.GetValue(port)!, parse.GetValue(baud));
            return Run(link, null, false, given.Count == 0 ? null : (Ulx3sAccelConfig)settings.Config, TimeSpan.FromSeconds(seconds), layers, x, batch, rounding, truth, format, Console.Out,
                checkedParameters: given.Keys.ToHashSet());
        }));
        return command;
    }

    /// <summary>Reads the model and the batch; their sizes must chain (a clear error names what does not).</summary>
    public static (IReadOnlyList<DenseLayer> Layers, float[] Inputs, int Batch) ReadModel(string modelPath, string inputsPath)
    {
        Mlp mlp;
        try
        {
            mlp = MlpModelFile.Read(modelPath);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or ArgumentException)
        {
            throw new CliException($"--model {modelPath}: {e.Message}");
        }
        var x = TensorFile.Read(inputsPath, "--inputs");
        if (x.Shape.Length != 2 || x.Shape[1] != mlp.Inputs)
            throw new CliException($"--inputs {inputsPath} has shape ({string.Join(", ", x.Shape)}), but the model takes (batch, {mlp.Inputs}): one row of {mlp.Inputs} inputs per example");
        if (x.Shape[0] < 1 || x.Shape[0] > 65535 * 256)
            throw new CliException($"--inputs {inputsPath} has {x.Shape[0]} rows: allowed 1..{65535 * 256}");
        var bad = Array.FindIndex(x.Values, v => !float.IsFinite(v));
        if (bad >= 0)
            throw new CliException($"--inputs {inputsPath} holds {x.Values[bad]} at [{bad / mlp.Inputs}, {bad % mlp.Inputs}]: the accelerator takes finite values only");
        return (mlp.Layers, x.Values, (int)x.Shape[0]);
    }

    private static int[] ReadLabels(string path, int batch)
    {
        var t = TensorFile.Read(path, "--labels");
        if (t.Shape.Length != 1 || t.Shape[0] != batch)
            throw new CliException($"--labels {path} has shape ({string.Join(", ", t.Shape)}), but the batch has {batch} rows: give one label per row");
        return [.. t.Values.Select(v => (int)v)];
    }

    /// <summary>The command's work over any link (tests use the simulated board).</summary>
    public static int Run(HostLink link, IAccelMemoryBackdoor? backdoor, bool useBackdoor, Ulx3sAccelConfig? expected, TimeSpan timeout,
        IReadOnlyList<DenseLayer> layers, float[] x, int batch, ZfpeRounding hostRounding, int[]? labels, TensorOutput output, TextWriter log,
        IReadOnlySet<string>? checkedParameters = null)
    {
        var session = new AccelSession(link, timeout);
        AccelRunResult run;
        var c = CultureInfo.InvariantCulture;
        try
        {
            var info = session.Info();
            log.WriteLine($"board: {link.Description}: {info}");
            if (expected is not null) CheckBuild(info, expected, checkedParameters);
            AccelRunner.Plan(info, layers, batch, AccelRunner.ReferenceConfig(info, hostRounding));
            // The serial line is the slow part: a bar for the words written (a terminal only).
            using var bar = useBackdoor ? null : ProgressBar.StartOnTerminal(100);
            var shown = 0L;
            var runner = new AccelRunner(session, useBackdoor ? backdoor : null)
            {
                Progress = (what, done, total) =>
                {
                    if (what != "write" || total == 0) return;
                    var percent = done * 100 / total;
                    bar?.Advance(percent - shown, "words written");
                    shown = percent;
                },
            };
            run = runner.Run(info, layers, x, batch, hostRounding);
        }
        catch (TimeoutException e)
        {
            throw new CliException($"{e.Message}: is the ulx3s-accel bitstream loaded (`zfpe program`) and is --baud the design's baud rate? Press btn[0] to reset the board.", CliRunner.ToolFailed);
        }
        catch (InvalidDataException e)
        {
            throw new CliException($"the board's reply is not valid: {e.Message}", CliRunner.ToolFailed);
        }
        catch (AccelLinkException e)
        {
            throw new CliException(e.Message, CliRunner.ToolFailed);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }

        var outputs = layers[^1].Outputs;
        TensorIo.Write(output, new Tensor(run.Outputs, [batch, outputs]));
        var totalMacs = 0L;
        var totalCycles = 0L;
        foreach (var (layer, n) in run.Layers.Select((l, n) => (l, n + 1)))
        {
            totalMacs += layer.MultiplyAdds;
            totalCycles += layer.BusyCycles;
            log.WriteLine(string.Format(c, "layer {0}: {1} x {2}: {3} cycles, {4:0.00} MACs/cycle ({5:P1} of {6} PEs); waited for weights {7}, inputs {8} cycles; " +
                                           "results waited {9}; words read {10}, written {11}; output words {12} of {13} bit-exact{14}",
                n, layer.Outputs, layer.Inputs, layer.BusyCycles, layer.MacsPerCycle, layer.MacsPerCycle / run.Info.Pes, run.Info.Pes,
                layer.Status.Counter("weight-starved-cycles"), layer.Status.Counter("input-starved-cycles"), layer.Status.Counter("result-stalled-cycles"),
                layer.Status.Counter("words-read"), layer.Status.Counter("words-written"), layer.WordsCompared - layer.WordMismatches, layer.WordsCompared,
                layer.FirstMismatch < 0 ? "" : $" (first difference at word {layer.FirstMismatch})"));
        }
        var clockHz = run.Info.ClockKhz * 1000.0;
        log.WriteLine(string.Format(c, "model: {0:N0} multiply-adds (padding included) in {1:N0} cycles: {2:0.00} MACs/cycle, {3:0.00} GMAC/s at {4:0.###} MHz",
            totalMacs, totalCycles, (double)totalMacs / Math.Max(1, totalCycles), totalMacs / Math.Max(1, totalCycles) * clockHz / 1e9, clockHz / 1e6));

        double maxError = 0, sumSquares = 0, sumExact = 0;
        for (var i = 0; i < run.Outputs.Length; i++)
        {
            var e = run.Outputs[i] - run.Reference.Exact[i];
            maxError = Math.Max(maxError, Math.Abs(e));
            sumSquares += e * e;
            sumExact += run.Reference.Exact[i] * run.Reference.Exact[i];
        }
        log.WriteLine(string.Format(c, "against float64 on the original weights: max |error| {0:G4}, RMS error {1:G4}, relative RMS {2:G4}",
            maxError, Math.Sqrt(sumSquares / run.Outputs.Length), sumExact == 0 ? 0 : Math.Sqrt(sumSquares / sumExact)));
        if (labels is not null)
        {
            var correct = Enumerable.Range(0, batch).Count(b => ArgMax(run.Outputs.AsSpan(b * outputs, outputs)) == labels[b]);
            var exactCorrect = Enumerable.Range(0, batch).Count(b => ArgMax(run.Reference.Exact.AsSpan(b * outputs, outputs)) == labels[b]);
            log.WriteLine(string.Format(c, "accuracy: {0:P2} on the accelerator, {1:P2} in float64 ({2} examples)", (double)correct / batch, (double)exactCorrect / batch, batch));
        }
        log.WriteLine(string.Format(c, "moved {0:N0} words to the board and {1:N0} back{2} in {3:0.0} s", run.WordsWritten, run.WordsRead,
            useBackdoor ? " (through the simulation's backdoor)" : "", run.Elapsed.TotalSeconds));
        var exact = run.BitExact && run.OutputMismatches == 0;
        log.WriteLine(exact ? "result: PASS (bit-exact with the accelerator reference)" : "result: FAIL (the outputs differ from the accelerator reference)");
        return exact ? CliRunner.Ok : CliRunner.CheckFailed;
    }

    /// <summary>
    /// Refuses a board that is not the build asked for, naming each parameter that differs; only the
    /// parameters in <paramref name="names"/> (those given with --set) when there are any, else every one.
    /// </summary>
    private static void CheckBuild(AccelInfo info, Ulx3sAccelConfig expected, IReadOnlySet<string>? names)
    {
        var wanted = expected.Core;
        var board = info.Core;
        var differences = new List<string>();
        void Compare(string name, object want, object have)
        {
            if ((names is null || names.Count == 0 || names.Contains(name)) && !Equals(want, have)) differences.Add($"{name}={have} (asked for {want})");
        }
        Compare("pes", wanted.Pes, board.Pes);
        Compare("outputs-per-pe", wanted.OutputsPerPe, board.OutputsPerPe);
        Compare("batch-tile", wanted.BatchTile, board.BatchTile);
        Compare("m", wanted.M, board.M);
        Compare("guard-bits", wanted.GuardBits, board.GuardBits);
        Compare("b", wanted.B, board.B);
        Compare("exponent-bits", wanted.ExponentBits, board.ExponentBits);
        Compare("split", wanted.Split, board.Split);
        Compare("rounding", wanted.Rounding, board.Rounding);
        Compare("weights", wanted.Weights, board.Weights);
        if (differences.Count > 0)
            throw new CliException($"the board is another build: {string.Join(", ", differences)}; program the bitstream built with these parameters or drop --set", CliRunner.ToolFailed);
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    private static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
