namespace Zfpe.Flow;

/// <summary>One stage of one run: what ran, its cache key, how long it took, and a note.</summary>
public sealed record StageRecord(string Stage, string Tool, StageStatus Status, string? Key, double Seconds, string? Detail);
