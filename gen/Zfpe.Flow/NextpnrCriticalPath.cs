using Zfpe.Flow.Timing;

namespace Zfpe.Flow;

/// <summary>
/// One critical path of nextpnr's --report JSON: the clock edges it runs between (e.g.
/// "posedge clk", or "&lt;async&gt;"), its total delay in ns, and where it starts (the first routed
/// net's driver) and ends (the pin with the setup check).
/// </summary>
public sealed record NextpnrCriticalPath(string From, string To, double DelayNs, TimingPin? Start, TimingPin? End)
{
    /// <summary>A path that starts and ends on rising edges of the same clock: what nextpnr's Fmax of that clock is.</summary>
    public string? SameClock =>
        From == To && From.StartsWith("posedge ", StringComparison.Ordinal) ? From["posedge ".Length..] : null;
}
