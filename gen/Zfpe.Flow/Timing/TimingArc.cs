namespace Zfpe.Flow.Timing;

/// <summary>One step of a timing path, from a pin to a pin, with its delay in ns.</summary>
public sealed record TimingArc(TimingPin From, TimingPin To, double DelayNs, TimingArcKind Kind)
{
    /// <summary>Routing (a net) as opposed to logic (clock-to-output, a cell, setup), as nextpnr splits them.</summary>
    public bool IsRouting => Kind == TimingArcKind.Net;
}
