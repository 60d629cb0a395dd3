namespace Zfpe.Flow.Sweep;

/// <summary>
/// What happened to one stage of one point: its status, how long it took in this run, and, when
/// it was reused from the cache, how long the run that produced it took (the time saved; null
/// when that run's log does not say).
/// </summary>
public sealed record SweepStageOutcome(StageStatus Status, double Seconds, double? SavedSeconds, string? Detail)
{
    public static SweepStageOutcome NotRun(string detail) => new(StageStatus.NotRun, 0, null, detail);

    /// <summary>"ran", "reused", "skipped" (tool missing), "failed" or "not run", as the tables print it.</summary>
    public string Label => Status switch
    {
        StageStatus.Ran => "ran",
        StageStatus.Reused => "reused",
        StageStatus.MissingTool => "skipped",
        StageStatus.Failed => "failed",
        _ => "not run",
    };
}
