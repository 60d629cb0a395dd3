using System.CommandLine;
using System.Globalization;
using Zfpe.Cli.Presentation;
using Zfpe.Reference.Datasets;
using Zfpe.Reference.Study;
using Zfpe.Reference.Training;

namespace Zfpe.Cli.Commands;

/// <summary>
/// <c>zfpe study</c>: what each codec does to dense layers and to the trained MLP (issue 16's study;
/// the per-tensor figures come from <c>zfpe evaluate --dataset nn|digits|mlp-weights</c>). Markdown tables on stdout.
/// </summary>
public static class StudyCommand
{
    public static Command Create()
    {
        var methods = new Option<string?>("--methods")
        {
            Description = $"comma-separated methods (default: {string.Join(",", CodecStudy.DefaultMethods)}): float32 (no change) or any zfpe evaluate method: {Reference.Evaluation.EvaluateMethod.Grammar}",
        };
        var command = new Command("study",
            "issue 16's study on zfpe train-mlp's default network (trained here, deterministic) and the NN-like data: the relative RMS error of a dense layer's " +
            "y = W·x + b when the weights, the inputs, the bias or all of them are stored with each method; weight blocks along the inputs (rows of W) or the outputs (columns); " +
            "the MLP's test accuracy with its weights, and its activations, stored");
        var accelerator = new Option<bool>("--accelerator")
        {
            Description = "instead: the MLP's test accuracy on the simulated ulx3s-accel board at b = 5 and b = 9 (bit-exact with the accelerator reference), beside float32 and int8 post-training quantization per tensor and per channel",
        };
        command.Options.Add(methods);
        command.Options.Add(accelerator);
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var codecs = StudyCodec.ParseList(parse.GetValue(methods) ?? string.Join(",", CodecStudy.DefaultMethods));
            if (codecs.Count == 0)
                throw new CliException($"--methods is empty; give a comma-separated list such as {string.Join(",", CodecStudy.DefaultMethods)}");
            if (ReferenceDatasets.DigitsFile is null)
                throw new CliException(ReferenceDatasets.DigitsMissing);
            var training = MlpTraining.Default;
            var p = MlpTrainingParameters.Default;
            Console.WriteLine(Text($"MLP {p.Architecture} (zfpe train-mlp --seed {p.Seed} --epochs {p.Epochs}), float32 test accuracy {training.TestAccuracy:P2} on {training.Test.Count} digits test images"));
            if (parse.GetValue(accelerator)) return AcceleratorTable(training);
            var cases = DenseCase.All(training);
            foreach (var c in cases)
            {
                Console.WriteLine($"\nDense-layer output error, {c.Name}: {c.Description}. Relative RMS of y = W·x + b (float64) against the float32 operands.\n");
                Console.Write(MarkdownTable.Render(["method", "weights", "inputs", "bias", "all"],
                    CodecStudy.Operands(c, codecs).Select(r => (IReadOnlyList<string>)[r.Codec, Error(r.Weights), Error(r.Inputs), r.Bias is { } b ? Error(b) : "—", Error(r.All)])));
            }

            Console.WriteLine("\nWeight blocking: relative RMS of y with the weights stored by rows of W (blocks along the inputs; per channel = per output) or by columns (Wᵀ: blocks along the outputs; per channel = per input).\n");
            var blocking = cases.Select(c => CodecStudy.Blocking(c, codecs)).ToList();
            Console.Write(MarkdownTable.Render(["method", .. cases.SelectMany(c => new[] { $"{c.Name} rows", $"{c.Name} columns" })],
                codecs.Select((codec, i) => (IReadOnlyList<string>)[codec.Name, .. blocking.SelectMany(rows => new[] { Error(rows[i].AlongInputs), Error(rows[i].AlongOutputs) })])));

            Console.WriteLine($"\nMLP test accuracy ({training.Test.Count} images) with every weight matrix stored (biases float32), and also every layer's input (the images, then the ReLU activations).\n");
            Console.Write(MarkdownTable.Render(["method", "weights", "weights + activations"],
                CodecStudy.Accuracy(training, codecs).Select(r => (IReadOnlyList<string>)[r.Codec, Text($"{r.Weights:P2}"), Text($"{r.WeightsAndActivations:P2}")])));
            return CliRunner.Ok;
        }));
        return command;
    }

    /// <summary>The accelerator's accuracy at b = 5 and 9 beside float32 and int8 (weights and activations stored).</summary>
    private static int AcceleratorTable(MlpTraining training)
    {
        var baselines = CodecStudy.Accuracy(training, StudyCodec.ParseList("float32,int8-sym-tensor,int8-sym-channel,int8-asym-tensor,int8-asym-channel"));
        var rows = baselines.Select(r => (IReadOnlyList<string>)[r.Codec == StudyCodec.Float32Name ? "float32 (no storage)" : $"{r.Codec} (weights + activations)", Text($"{r.WeightsAndActivations:P2}"), "—", "—"]).ToList();
        foreach (var b in new[] { 5, 9 })
        {
            var row = Adapters.AcceleratorAccuracy.Run(training, new Cores.Accelerator.Ulx3sAccelConfig(B: b), Console.Error);
            rows.Add([$"ulx3s-accel, ZFPe b = {b} (pes {row.Config.Pes}; simulated, bit-exact)", Text($"{row.Accuracy:P2}"), Text($"{row.Cycles:N0}"), Text($"{row.MacsPerCycle:0.00}")]);
        }
        Console.WriteLine($"\nMLP test accuracy ({training.Test.Count} images): the accelerator keeps weights, inputs and every layer's outputs ZFPe-compressed and computes in its simplified float (m = 18); the baselines store weights and every layer's input.\n");
        Console.Write(MarkdownTable.Render(["method", "test accuracy", "accelerator cycles", "MACs/cycle"], rows));
        return CliRunner.Ok;
    }

    private static string Error(double relativeRms) => relativeRms == 0 ? "0" : Text($"{relativeRms:0.000e+00}");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
