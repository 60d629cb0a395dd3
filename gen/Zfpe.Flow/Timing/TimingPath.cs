namespace Zfpe.Flow.Timing;

/// <summary>
/// The latest-arriving path into an endpoint: from the launching register's clock pin through its
/// clock-to-output delay, the cells and nets in between, to the setup check.
/// </summary>
public sealed record TimingPath(TimingEndpoint Endpoint, IReadOnlyList<TimingArc> Arcs)
{
    public double DelayNs => Arcs.Sum(a => a.DelayNs);

    public double LogicNs => Arcs.Where(a => !a.IsRouting).Sum(a => a.DelayNs);

    public double RoutingNs => Arcs.Where(a => a.IsRouting).Sum(a => a.DelayNs);

    /// <summary>The launching output pin (a register's Q, a block RAM's data out).</summary>
    public TimingPin Start => Arcs[0].To;

    /// <summary>The cells between the launching register and the endpoint, in path order.</summary>
    public IReadOnlyList<string> Cells =>
        Arcs.Where(a => a.Kind == TimingArcKind.Cell).Select(a => a.From.Cell).Distinct(StringComparer.Ordinal).ToList();
}
