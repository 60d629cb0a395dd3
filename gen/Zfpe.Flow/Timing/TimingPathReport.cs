namespace Zfpe.Flow.Timing;

/// <summary>
/// One reported path: its slack, the traced path (delays, logic and routing), where it starts and
/// ends as the C# names them, the logic in between, and the other bits of the end register whose
/// slack is also below the margin (the path shown is the worst of them).
/// </summary>
public sealed record TimingPathReport(
    double SlackNs,
    TimingPath Path,
    TimingPathEnd From,
    TimingPathEnd To,
    IReadOnlyList<TimingPathStep> Via,
    IReadOnlyList<int> OtherBits,
    int OtherEndpoints,
    double? OtherWorstSlackNs);
