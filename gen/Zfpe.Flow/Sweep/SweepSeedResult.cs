using Zfpe.Flow.Timing;

namespace Zfpe.Flow.Sweep;

/// <summary>
/// Place and route of one point with one seed: the stage outcome, the Fmax of the slowest clock
/// (null when the stage did not run or the design has no clocked logic), nextpnr's utilisation
/// (used cells per bel type), and when a clock fails or nearly fails, its worst paths as report
/// lines (<see cref="TimingReport.Summary"/>; null otherwise).
/// </summary>
public sealed record SweepSeedResult(
    int Seed,
    SweepStageOutcome PlaceAndRoute,
    double? FmaxMhz,
    string? Clock,
    IReadOnlyDictionary<string, long> Utilisation,
    IReadOnlyList<string>? WorstPaths = null);
