using System.Globalization;

namespace Zfpe.Reference.Training;

/// <summary>
/// How <see cref="MlpTrainer"/> trains: the hidden layer widths (64 digit pixels in, 10 classes
/// out), epochs over the training images, mini-batch size, Adam's step size, and the seed of the
/// initial weights and of each epoch's shuffle.
/// </summary>
public sealed record MlpTrainingParameters(IReadOnlyList<int> Hidden, int Epochs = 30, int BatchSize = 32, double LearningRate = 0.003, ulong Seed = 1)
{
    public const int MaxHiddenLayers = 4;
    public const int MaxWidth = 1024;
    public const int MaxEpochs = 1000;
    public const int MaxBatchSize = 1024;

    /// <summary>The default network: 64 → 64 → 64 → 10, so every layer has 64 inputs (the weights stack into one 138 × 64 tensor).</summary>
    public static MlpTrainingParameters Default { get; } = new([64, 64]);

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Hidden);
        if (Hidden.Count is < 1 or > MaxHiddenLayers)
            throw new ArgumentException($"--hidden has {Hidden.Count} widths: allowed 1..{MaxHiddenLayers} hidden layers");
        foreach (int width in Hidden)
        {
            if (width is < 1 or > MaxWidth)
                throw new ArgumentException($"--hidden width {width} is out of range: allowed 1..{MaxWidth}");
        }
        if (Epochs is < 1 or > MaxEpochs)
            throw new ArgumentException($"--epochs {Epochs} is out of range: allowed 1..{MaxEpochs}");
        if (BatchSize is < 1 or > MaxBatchSize)
            throw new ArgumentException($"--batch-size {BatchSize} is out of range: allowed 1..{MaxBatchSize}");
        if (!(LearningRate > 0 && LearningRate <= 1))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--learning-rate {LearningRate} is out of range: allowed greater than 0, at most 1"));
    }

    /// <summary>Parses --hidden's comma-separated widths, such as "64,64".</summary>
    public static int[] ParseHidden(string text)
    {
        var fields = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = new int[fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            if (!int.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]))
                throw new ArgumentException($"--hidden '{text}': '{fields[i]}' is not a width; give comma-separated widths 1..{MaxWidth}, such as 64,64");
        }
        return widths;
    }

    public string Architecture => $"64 → {string.Join(" → ", Hidden)} → 10";
}
