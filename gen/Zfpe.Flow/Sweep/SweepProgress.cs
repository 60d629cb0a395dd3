namespace Zfpe.Flow.Sweep;

/// <summary>
/// The state of a running sweep after an event (a point started or finished), for a progress
/// display: points done of the total, running, taken whole from the cache, failed, elapsed time
/// and an estimate of the time left (null until a point has run a tool).
/// </summary>
public sealed record SweepProgress(
    int Total,
    int Done,
    int Running,
    int Cached,
    int Failed,
    TimeSpan Elapsed,
    TimeSpan? Remaining,
    string Message);
