namespace Zfpe.Flow.Sweep;

/// <summary>The figures a sweep keeps from Yosys for one point (see <see cref="SynthesisStatistics"/>).</summary>
public sealed record SweepSynthesis(
    long Lut4,
    long FlipFlops,
    long BlockRams,
    long Multipliers,
    long CarryCells,
    int? LogicDepth,
    IReadOnlyDictionary<string, long> CellsByType)
{
    public static SweepSynthesis From(SynthesisStatistics s) =>
        new(s.Lut4, s.FlipFlops, s.BlockRams, s.Multipliers, s.CarryCells, s.LogicDepth,
            new SortedDictionary<string, long>(s.CellsByType.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal));
}
