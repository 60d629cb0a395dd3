using System.Globalization;
using System.IO.Compression;

namespace Zfpe.Reference.Datasets;

/// <summary>
/// The fixed datasets a codec sweep measures quality on. "nn" is generated, so every machine
/// and every run sees the same bits: 64×256 Gaussian weights with a log-normal scale per row
/// (output channel), then 64×256 ReLU activations (Gaussian pre-activations with a scale and a
/// bias per row, about half of them zero). Rows are 256 values, so no block of 4 straddles two
/// rows. Random numbers come from SplitMix64 and Box–Muller, written out here rather than taken
/// from System.Random, whose sequence for a seed is not promised across .NET versions.
/// "digits" (opt-in) is the UCI handwritten digits as Debian's python3-sklearn ships them
/// (digits.csv.gz), found where <see cref="DigitsCandidates"/> says.
/// </summary>
public static class ReferenceDatasets
{
    public const ulong Seed = 20_240_607;
    public const int Rows = 64;
    public const int Columns = 256;
    /// <summary>Where scripts/fetch-digits.sh (run by install-deps.sh) puts the data set.</summary>
    public const string InstalledDigitsFile = "/usr/local/share/zfpe/digits.csv.gz";

    /// <summary>Where Debian's python3-sklearn has it, for machines that have that package anyway.</summary>
    public const string SklearnDigitsFile = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";

    /// <summary>Where the digits data set is looked for, in order: $ZFPE_DIGITS, then the two files above.</summary>
    public static IReadOnlyList<string> DigitsCandidates =>
        Environment.GetEnvironmentVariable("ZFPE_DIGITS") is { Length: > 0 } given ? [given] : [InstalledDigitsFile, SklearnDigitsFile];

    /// <summary>The first candidate that exists, or null.</summary>
    public static string? DigitsFile => DigitsCandidates.FirstOrDefault(File.Exists);

    /// <summary>What to do when the data set is missing.</summary>
    public static string DigitsMissing =>
        $"the digits data set is missing (looked for {string.Join(", ", DigitsCandidates)}): run scripts/fetch-digits.sh, which install-deps.sh runs, or set ZFPE_DIGITS to a digits.csv.gz";

    public static string NnDescription { get; } =
        $"nn: {2 * Rows * Columns} float32 values generated with seed {Seed} (SplitMix64, Box–Muller): {Rows}×{Columns} Gaussian weights " +
        $"with a log-normal scale per row (median 0.02), then {Rows}×{Columns} ReLU activations (Gaussian pre-activations, scale and bias per row; about half are zero).";

    public static string DigitsDescription { get; } =
        $"digits: the 1797 8×8 UCI handwritten digits, pixels scaled to 0..1 (115008 values), from {DigitsFile ?? InstalledDigitsFile} (the data file of Debian's python3-sklearn).";

    /// <summary>The generated neural-network-like tensor: weights then activations.</summary>
    public static float[] NeuralNetworkTensors()
    {
        var random = new SplitMix64(Seed);
        var values = new float[2 * Rows * Columns];
        for (var r = 0; r < Rows; r++)
        {
            var scale = 0.02 * Math.Exp(0.5 * random.NextGaussian());
            for (var c = 0; c < Columns; c++) values[r * Columns + c] = (float)(scale * random.NextGaussian());
        }
        var offset = Rows * Columns;
        for (var r = 0; r < Rows; r++)
        {
            var scale = Math.Exp(0.5 * random.NextGaussian());
            var bias = 0.1 * scale * random.NextGaussian();
            for (var c = 0; c < Columns; c++) values[offset + r * Columns + c] = (float)Math.Max(0, scale * random.NextGaussian() + bias);
        }
        return values;
    }

    /// <summary>
    /// Gaussian values whose standard deviation changes every 4096 values over four decades, like
    /// the layers of a network's weight tensors (the data of `zfpe bench codec`); deterministic for a seed.
    /// </summary>
    public static float[] WeightLike(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new SplitMix64((ulong)seed);
        var values = new float[count];
        var sigma = 0.05;
        for (var i = 0; i < count; i++)
        {
            if (i % 4096 == 0) sigma = Math.Pow(10, -4 + 4 * random.NextUniform());
            values[i] = (float)(sigma * random.NextGaussian());
        }
        return values;
    }

    /// <summary>The digits' pixels / 16; throws <see cref="FileNotFoundException"/> saying how to get them.</summary>
    public static float[] Digits() => DigitsWithLabels().Pixels;

    /// <summary>The digits' pixels / 16 (64 per image, row-major) and their labels 0..9, in the file's order.</summary>
    public static DigitsSet DigitsWithLabels()
    {
        string file = DigitsFile ?? throw new FileNotFoundException($"{DigitsMissing}; or drop --digits");
        var values = new List<float>();
        var labels = new List<int>();
        using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != DigitsSet.Pixels64 + 1) throw new InvalidDataException($"{file}: a row has {fields.Length} fields, expected 64 pixels and a label");
            values.AddRange(fields[..DigitsSet.Pixels64].Select(f => float.Parse(f, CultureInfo.InvariantCulture) / 16f));
            int label = int.Parse(fields[DigitsSet.Pixels64], NumberStyles.None, CultureInfo.InvariantCulture);
            if (label >= DigitsSet.Classes) throw new InvalidDataException($"{file}: row {labels.Count + 1} has label {label}, expected 0..{DigitsSet.Classes - 1}");
            labels.Add(label);
        }
        return new DigitsSet(values.ToArray(), labels.ToArray());
    }
}
