namespace Zfpe.Sim;

/// <summary>
/// A stall probability that changes over time, so that a long run goes through every regime: free
/// flow, light and heavy stalls, a starved consumer (the design fills up) and a starved producer
/// (it drains). For a source it is the chance of an idle cycle; for a sink, of ready being low.
/// Allocation-free per cycle.
/// </summary>
public sealed class StallProfile
{
    /// <summary>The levels the built-in profiles step through.</summary>
    public static IReadOnlyList<double> DefaultLevels { get; } = [0.0, 0.25, 0.6, 0.95, 0.1, 0.8];

    private readonly double[] _levels;
    private readonly int _period;
    private readonly int _offset;
    private readonly ulong? _seed;

    private StallProfile(IEnumerable<double> levels, int period, int offset, ulong? seed)
    {
        _levels = levels.Select(l => Probability.Check(l, "level")).ToArray();
        if (_levels.Length == 0) throw new ArgumentException("a stall profile needs at least one level.", nameof(levels));
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
        _offset = offset;
        _seed = seed;
    }

    /// <summary>Never stalls.</summary>
    public static StallProfile None { get; } = new([0.0], 1, 0, null);

    /// <summary>The same probability all the time.</summary>
    public static StallProfile Constant(double probability) => new([probability], 1, 0, null);

    /// <summary>Steps through <paramref name="levels"/> (default <see cref="DefaultLevels"/>) in order, one every <paramref name="period"/> cycles, starting at level <paramref name="offset"/>.</summary>
    public static StallProfile Stepping(int period, int offset = 0, IEnumerable<double>? levels = null) =>
        new(levels ?? DefaultLevels, period, offset, null);

    /// <summary>A level drawn at random (seeded) from <paramref name="levels"/> every <paramref name="period"/> cycles.</summary>
    public static StallProfile Random(int period, int seed, IEnumerable<double>? levels = null) =>
        new(levels ?? DefaultLevels, period, 0, (ulong)(uint)seed);

    /// <summary>The stall probability in <paramref name="cycle"/>.</summary>
    public double At(long cycle)
    {
        var slot = (ulong)(cycle / _period) + (ulong)_offset;
        var index = _seed is { } seed ? Mix(slot ^ (seed * 0x9E3779B97F4A7C15)) : slot;
        return _levels[(int)(index % (ulong)_levels.Length)];
    }

    /// <summary>The chance of being ready in <paramref name="cycle"/>: 1 − <see cref="At"/>.</summary>
    public double ReadyAt(long cycle) => 1.0 - At(cycle);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    public override string ToString() =>
        $"{(_seed is null ? "stepping" : "random")} every {_period} cycles over [{string.Join(", ", _levels)}]";
}
