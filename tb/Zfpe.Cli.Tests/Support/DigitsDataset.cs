using Zfpe.Reference.Datasets;
using System.Globalization;
using System.IO.Compression;

namespace Zfpe.Cli.Tests.Support;

/// <summary>
/// The UCI handwritten digits (1797 8×8 images, pixel values 0..16, label 0..9) as Debian's
/// python3-sklearn ships them: one CSV row per image, 64 pixels then the label. Found where the
/// CLI finds it (ReferenceDatasets.DigitsFile: $ZFPE_DIGITS, scripts/fetch-digits.sh's copy, sklearn's).
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
        string file = Zfpe.Reference.Datasets.ReferenceDatasets.DigitsFile
            ?? throw new Xunit.Sdk.XunitException(Zfpe.Reference.Datasets.ReferenceDatasets.DigitsMissing);
        var images = new List<float[]>();
        var labels = new List<int>();
        using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
                continue;
            var fields = line.Split(',');
            Assert.Equal(65, fields.Length);
            images.Add(fields[..64].Select(f => float.Parse(f, CultureInfo.InvariantCulture) / 16f).ToArray());
            labels.Add(int.Parse(fields[64], CultureInfo.InvariantCulture));
        }
        return new DigitsDataset(images.ToArray(), labels.ToArray());
    }
}
