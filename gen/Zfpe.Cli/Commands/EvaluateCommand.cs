using Zfpe.Reference.Datasets;
using Zfpe.Reference.Evaluation;
using System.CommandLine;
using System.Globalization;
using System.Text;
using Zfpe.Reference.Files;
using Zfpe.Reference.Training;
using Zfpe.Cli.Presentation;

namespace Zfpe.Cli.Commands;

/// <summary><c>zfpe evaluate</c>: what each codec and quantization baseline does to a tensor, side by side.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var input = new Option<string?>("--in") { Description = TensorIo.InputDescription + "; or give --dataset" };
        var dataset = new Option<string?>("--dataset")
        {
            Description = "instead of --in, one of the project's reference data sets (gen/Zfpe.Reference/Datasets): nn (generated NN-like weights and activations, 128×256), digits (UCI handwritten digits, 1797×64) " +
                          $"or mlp-weights (the weights of zfpe train-mlp's default network, {MlpTrainingParameters.Default.Architecture}, trained on the digits: its layers' rows stacked, 138×64)",
        };
        var array = TensorIo.ArrayOption();
        var methods = new Option<string?>("--methods")
        {
            Description = $"comma-separated methods (default: {string.Join(",", EvaluateMethod.Defaults)}, without the rows that say nothing for the tensor); names: {EvaluateMethod.Grammar}",
        };
        var axis = new Option<int?>("--axis") { Description = "the channel axis of the per-channel baselines (default 0; negative counts from the last axis)" };
        var csv = new Option<string?>("--csv") { Description = "also write the table as CSV to this file" };
        var command = new Command("evaluate",
            "compare ZFPe, ZFP and quantization baselines on a tensor: bits/value (block stream, or codes plus scales; no file headers), " +
            "RMSE, max error, PSNR over the data range, relative error over non-zero values, round-trip time, and the layout each method works on");
        command.Options.Add(input);
        command.Options.Add(dataset);
        command.Options.Add(array);
        command.Options.Add(methods);
        command.Options.Add(axis);
        command.Options.Add(csv);
        command.SetAction(parse => CliRunner.Run(() =>
        {
            string? given = parse.GetValue(methods);
            var list = EvaluateMethod.ParseList(given ?? string.Join(",", EvaluateMethod.Defaults));
            string? givenPath = parse.GetValue(input);
            string? datasetName = parse.GetValue(dataset);
            if ((givenPath is null) == (datasetName is null))
                throw new CliException("give either --in FILE or --dataset nn|digits|mlp-weights");
            var csvOutput = parse.GetValue(csv) is { } csvPath ? CommandOutput.Resolve(csvPath, "--csv", (givenPath, "--in")) : null;
            string inPath = givenPath ?? $"dataset {datasetName}";
            var tensor = givenPath is not null ? TensorFile.Read(givenPath, "--in", parse.GetValue(array)) : Dataset(datasetName!);
            var evaluated = new EvaluateInput(tensor, parse.GetValue(axis));
            list = Applicable(list, evaluated, given is not null, inPath);

            // With --csv /dev/stdout the CSV owns stdout, and the table goes to stderr.
            var report = CommandOutput.Report(csvOutput);
            report.WriteLine(Describe(inPath, tensor));
            var nonFinite = NonFiniteValues.Scan(tensor);
            if (nonFinite.Count > 0)
                Console.Error.WriteLine(NonFiniteWarning(nonFinite, inPath, list, tensor.Values.LongLength));

            var results = new List<EvaluateResult>();
            long n = tensor.Values.Length;
            using (var bar = ProgressBar.StartIfUseful(n, n * list.Count))
            {
                foreach (var method in list)
                {
                    bar?.Advance(0, method.Name);
                    results.Add(method.Run(evaluated, done => bar?.Advance(done, method.Name)));
                }
            }
            // On a terminal Spectre.Console draws the table; in pipes, files and logs it stays plain text.
            if (report == Console.Out && Terminal.StdoutIsTerminal) Terminal.Stdout().Write(EvaluateTable.Table(results));
            else report.Write(EvaluateTable.Text(results));
            if (csvOutput != null)
                CommandOutput.Write(csvOutput, stream => stream.Write(Encoding.UTF8.GetBytes(EvaluateTable.Csv(results))));
            return CliRunner.Ok;
        }));
        return command;
    }

    /// <summary>
    /// The methods that say something about this tensor. Per-channel rows need channels (rank 2 or
    /// more) and a flat ZFP row repeats the other ZFP row when the tensor is 1-D: from the default
    /// list these are left out with a note; asked for by name, a per-channel method without
    /// channels is an error.
    /// </summary>
    private static IReadOnlyList<EvaluateMethod> Applicable(IReadOnlyList<EvaluateMethod> list, EvaluateInput input, bool named, string path)
    {
        var perChannel = list.Where(m => m.IsPerChannel).ToList();
        if (input.Axis is null && perChannel.Count > 0)
        {
            string why = $"{path} has rank {input.Tensor.Shape.Length}, so it has no channel axis";
            if (named)
                throw new CliException($"--methods: {string.Join(", ", perChannel.Select(m => m.Name))} quantize per channel, but {why}; use the -tensor methods");
            Console.Error.WriteLine($"note: per-channel rows left out: {why}");
            list = list.Except(perChannel).ToList();
        }
        if (!named && input.Field.Dimensions == 1)
        {
            var flat = list.Where(m => m.FlatCodec?.Kind == CodecKind.Zfp).ToList();
            if (flat.Count > 0)
            {
                Console.Error.WriteLine($"note: {string.Join(", ", flat.Select(m => m.Name))} left out: the tensor is 1-D, so zfp-r<R> already codes it flat in blocks of 4");
                list = list.Except(flat).ToList();
            }
        }
        return list;
    }

    private static string NonFiniteWarning(NonFiniteValues nonFinite, string path, IReadOnlyList<EvaluateMethod> methods, long count)
    {
        var policies = methods.Select(m => m.CodecKind).Distinct()
            .Select(kind => kind is { } codec ? NonFiniteValues.Policy(codec) : NonFiniteValues.QuantizerPolicy);
        return $"warning: {nonFinite.Summary(path)}. The errors below are over the {count - nonFinite.Count} finite values " +
               $"(and include what the others do to the values that share their blocks). {string.Join("; ", policies)} ({NonFiniteValues.Specification}).";
    }

    /// <summary>A reference data set as a tensor whose rows are its rows (channels along axis 0).</summary>
    private static Tensor Dataset(string name) => name.ToLowerInvariant() switch
    {
        "nn" => new Tensor(ReferenceDatasets.NeuralNetworkTensors(), [2 * ReferenceDatasets.Rows, ReferenceDatasets.Columns]),
        "digits" => ReferenceDatasets.DigitsFile is null
            ? throw new CliException($"--dataset digits: {ReferenceDatasets.DigitsMissing}")
            : new Tensor(ReferenceDatasets.Digits(), [DigitsImages, DigitsPixels]),
        "mlp-weights" => ReferenceDatasets.DigitsFile is null
            ? throw new CliException($"--dataset mlp-weights (trained on the digits): {ReferenceDatasets.DigitsMissing}")
            : MlpTraining.Default.StackedWeights(),
        _ => throw new CliException($"--dataset '{name}' is unknown: allowed nn, digits, mlp-weights"),
    };

    private const int DigitsImages = 1797;
    private const int DigitsPixels = 64;

    private static string Describe(string path, Tensor tensor)
    {
        var values = tensor.Values;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float x in values)
        {
            if (!float.IsFinite(x))
                continue;
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }
        if (min > max)
            min = max = 0;
        string dtype = tensor.DType switch
        {
            TensorDType.Float64 => "float64 (rounded to float32; errors are against the float32 values)",
            TensorDType.Float16 => "float16 (widened to float32 exactly)",
            _ => "float32",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{path}: shape ({Tensor.ShapeText(tensor.Shape)}), {dtype}, {values.Length} values, finite ones in [{min:G6}, {max:G6}]");
    }
}
