using Zfpe.Reference.Datasets;

namespace Zfpe.Cli.Tests.Support;

/// <summary>
/// The UCI handwritten digits (1797 8×8 images, pixel values 0..16, label 0..9) as Debian's
/// python3-sklearn ships them: one CSV row per image, 64 pixels then the label. Found where the
/// CLI finds it (ReferenceDatasets.DigitsFile: $ZFPE_DIGITS, scripts/fetch-digits.sh's copy, sklearn's)
/// and read by the reference's loader (ReferenceDatasets.DigitsWithLabels), as rows of 64.
/// </summary>
public sealed class DigitsDataset
{
    private DigitsDataset(float[][] images, int[] labels)
    {
        Images = images;
        Labels = labels;
    }

    /// <summary>Pixels scaled to 0..1, 64 per image.</summary>
    public float[][] Images { get; }

    public int[] Labels { get; }

    public static DigitsDataset Load()
    {
        if (ReferenceDatasets.DigitsFile is null)
            throw new Xunit.Sdk.XunitException(ReferenceDatasets.DigitsMissing);
        var digits = ReferenceDatasets.DigitsWithLabels();
        return new DigitsDataset(digits.Pixels.Chunk(DigitsSet.Pixels64).ToArray(), digits.Labels);
    }
}
