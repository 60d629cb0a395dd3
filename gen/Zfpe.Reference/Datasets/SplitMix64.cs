namespace Zfpe.Reference.Datasets;

/// <summary>
/// The project's one seeded generator for data sets: SplitMix64 (Steele, Lea and Flood 2014),
/// with uniform doubles from its top 53 bits and Gaussians by Box–Muller. Written out rather than
/// taken from System.Random so that a seed gives the same numbers on every .NET version.
/// </summary>
public sealed class SplitMix64(ulong seed)
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
