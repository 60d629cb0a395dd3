using System.Globalization;
using System.IO.Compression;

namespace Zfpe.Cli.Commands;

/// <summary>
/// The fixed datasets a codec sweep measures quality on. "nn" is generated, so every machine
/// and every run sees the same bits: 64×256 Gaussian weights with a log-normal scale per row
/// (output channel), then 64×256 ReLU activations (Gaussian pre-activations with a scale and a
/// bias per row, about half of them zero). Rows are 256 values, so no block of 4 straddles two
/// rows. Random numbers come from SplitMix64 and Box–Muller, written out here rather than taken
/// from System.Random, whose sequence for a seed is not promised across .NET versions.
/// "digits" (opt-in) is the UCI handwritten digits as Debian's python3-sklearn ships them.
/// </summary>
public static class SweepReferenceData
{
    public const ulong Seed = 20_240_607;
    public const int Rows = 64;
    public const int Columns = 256;
    public const string DigitsFile = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";

    public static string NnDescription { get; } =
        $"nn: {2 * Rows * Columns} float32 values generated with seed {Seed} (SplitMix64, Box–Muller): {Rows}×{Columns} Gaussian weights " +
        $"with a log-normal scale per row (median 0.02), then {Rows}×{Columns} ReLU activations (Gaussian pre-activations, scale and bias per row; about half are zero).";

    public static string DigitsDescription { get; } =
        $"digits: the 1797 8×8 UCI handwritten digits, pixels scaled to 0..1 (115008 values), from {DigitsFile} (Debian's python3-sklearn).";

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

    /// <summary>The digits' pixels / 16; throws <see cref="FileNotFoundException"/> saying how to get them.</summary>
    public static float[] Digits()
    {
        if (!File.Exists(DigitsFile))
            throw new FileNotFoundException($"{DigitsFile} is missing: the digits dataset comes with Debian's scikit-learn (apt-get install python3-sklearn); or drop --digits");
        var values = new List<float>();
        using var gzip = new GZipStream(File.OpenRead(DigitsFile), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != 65) throw new InvalidDataException($"{DigitsFile}: a row has {fields.Length} fields, expected 64 pixels and a label");
            values.AddRange(fields[..64].Select(f => float.Parse(f, CultureInfo.InvariantCulture) / 16f));
        }
        return values.ToArray();
    }

    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;
        private double? _spare;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in (0, 1): 53 random bits, never 0 (Box–Muller takes its logarithm).</summary>
        public double NextUniform() => ((Next() >> 11) + 0.5) / (1UL << 53);

        public double NextGaussian()
        {
            if (_spare is { } s)
            {
                _spare = null;
                return s;
            }
            var radius = Math.Sqrt(-2 * Math.Log(NextUniform()));
            var angle = 2 * Math.PI * NextUniform();
            _spare = radius * Math.Sin(angle);
            return radius * Math.Cos(angle);
        }
    }
}
