using Zfpe.Reference.Datasets;
using Zfpe.Reference.Files;

namespace Zfpe.Reference.Training;

/// <summary>The project's trained network: the digits split, an <see cref="Mlp"/> trained on the training part, and its float32 accuracies.</summary>
public sealed record MlpTraining(Mlp Mlp, DigitsSet Train, DigitsSet Test, double TrainAccuracy, double TestAccuracy)
{
    /// <summary>Loads the digits (throws <see cref="FileNotFoundException"/> saying how to get them), splits them and trains.</summary>
    public static MlpTraining Run(MlpTrainingParameters parameters)
    {
        var (train, test) = ReferenceDatasets.DigitsWithLabels().Split();
        var mlp = MlpTrainer.Train(train, parameters);
        return new MlpTraining(mlp, train, test, mlp.Accuracy(train.Pixels, train.Labels), mlp.Accuracy(test.Pixels, test.Labels));
    }

    /// <summary>
    /// Every layer's weights stacked row after row into one (Σ outputs, inputs) tensor, the
    /// mlp-weights data set: rows stay output channels. Needs layers with the same number of inputs.
    /// </summary>
    public Tensor StackedWeights()
    {
        int inputs = Mlp.Inputs;
        if (Mlp.Layers.Any(l => l.Inputs != inputs))
            throw new InvalidOperationException($"the layers have {string.Join(", ", Mlp.Layers.Select(l => l.Inputs))} inputs: their weights stack into one tensor only when all have the same");
        return new Tensor(Mlp.Layers.SelectMany(l => l.Weights).ToArray(), [Mlp.Layers.Sum(l => l.Outputs), inputs]);
    }

    private static readonly Lazy<MlpTraining> _default = new(() => Run(MlpTrainingParameters.Default));

    /// <summary>The network of <see cref="MlpTrainingParameters.Default"/>, trained once per process.</summary>
    public static MlpTraining Default => _default.Value;
}
