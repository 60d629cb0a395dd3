using System.CommandLine;
using System.Globalization;
using Zfpe.Reference.Datasets;
using Zfpe.Reference.Training;

namespace Zfpe.Cli.Commands;

/// <summary><c>zfpe train-mlp</c>: trains the project's MLP on the digits and writes it in the model format of <c>zfpe run</c>, with its test set.</summary>
public static class TrainMlpCommand
{
    public static Command Create()
    {
        var defaults = MlpTrainingParameters.Default;
        var output = new Option<string>("--out") { Description = "directory to write model.json, w<N>.npy, b<N>.npy, X.npy (test inputs) and labels.npy into (created when missing)", Required = true };
        var seed = new Option<long?>("--seed") { Description = $"seed of the initial weights and the shuffles (default {defaults.Seed}; 0..2^63-1)" };
        var hidden = new Option<string?>("--hidden") { Description = $"comma-separated hidden widths (default {string.Join(",", defaults.Hidden)}: {defaults.Architecture})" };
        var epochs = new Option<int?>("--epochs") { Description = $"passes over the training images (default {defaults.Epochs}; 1..{MlpTrainingParameters.MaxEpochs})" };
        var command = new Command("train-mlp",
            "train a small MLP (ReLU, softmax cross-entropy, Adam, float64, deterministic for a seed) on the UCI handwritten digits (80 % train, 20 % test, a fixed split), " +
            "report its float32 test accuracy and write it as a zfpe run model");
        command.Options.Add(output);
        command.Options.Add(seed);
        command.Options.Add(hidden);
        command.Options.Add(epochs);
        command.SetAction(parse => CliRunner.Run(() =>
        {
            if (parse.GetValue(seed) is < 0)
                throw new CliException($"--seed {parse.GetValue(seed)} is out of range: allowed 0..{long.MaxValue}");
            var parameters = defaults with
            {
                Seed = (ulong)(parse.GetValue(seed) ?? (long)defaults.Seed),
                Hidden = parse.GetValue(hidden) is { } widths ? MlpTrainingParameters.ParseHidden(widths) : defaults.Hidden,
                Epochs = parse.GetValue(epochs) ?? defaults.Epochs,
            };
            parameters.Validate();
            string digitsFile = ReferenceDatasets.DigitsFile ?? throw new CliException(ReferenceDatasets.DigitsMissing);
            var result = MlpTraining.Run(parameters);
            var written = MlpModelFile.Write(parse.GetValue(output)!, result.Mlp, result.Test.Pixels, result.Test.Labels,
                MlpModelFile.Training(parameters, result.TestAccuracy), digitsFile);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{parameters.Architecture}, seed {parameters.Seed}, {parameters.Epochs} epochs on {result.Train.Count} images: " +
                $"float32 test accuracy {result.TestAccuracy:P2} ({result.Test.Count} images), train {result.TrainAccuracy:P2}"));
            Console.WriteLine($"wrote {string.Join(", ", written)}");
            return CliRunner.Ok;
        }));
        return command;
    }
}
