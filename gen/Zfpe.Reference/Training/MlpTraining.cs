using Zfpe.Reference.Datasets;

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

    private static MlpTraining? _default;

    /// <summary>The network of <see cref="MlpTrainingParameters.Default"/>, trained once per process.</summary>
    public static MlpTraining Default => _default ??= Run(MlpTrainingParameters.Default);
}
