namespace Zfpe.Flow.Sweep;

/// <summary>
/// What one sweep run did: points that needed a tool run, points taken whole from the stage cache,
/// points that failed, stage counts, tool time spent, tool time saved by reuse, wall time.
/// </summary>
public sealed record SweepRunStatistics(
    int Points,
    int PointsRan,
    int PointsReused,
    int PointsFailed,
    int SynthRan,
    int SynthReused,
    int PnrRan,
    int PnrReused,
    int PnrSkipped,
    double ToolSeconds,
    double SavedSeconds,
    double WallSeconds)
{
    public static SweepRunStatistics Of(IReadOnlyList<SweepPointResult> points, double wallSeconds)
    {
        var pnr = points.SelectMany(p => p.Seeds).Select(s => s.PlaceAndRoute).ToList();
        var stages = points.Select(p => p.Synth).Concat(pnr).ToList();
        return new SweepRunStatistics(
            points.Count,
            points.Count(p => !p.Failed && !p.FullyReused),
            points.Count(p => p.FullyReused),
            points.Count(p => p.Failed),
            points.Count(p => p.Synth.Status == StageStatus.Ran),
            points.Count(p => p.Synth.Status == StageStatus.Reused),
            pnr.Count(s => s.Status == StageStatus.Ran),
            pnr.Count(s => s.Status == StageStatus.Reused),
            pnr.Count(s => s.Status == StageStatus.MissingTool),
            Math.Round(stages.Where(s => s.Status is StageStatus.Ran or StageStatus.Failed).Sum(s => s.Seconds), 2),
            Math.Round(stages.Where(s => s.Status == StageStatus.Reused).Sum(s => s.SavedSeconds ?? 0), 2),
            Math.Round(wallSeconds, 2));
    }
}
