namespace Zfpe.Flow.Timing;

/// <summary>
/// Static timing analysis of a routed design over the delays of its SDF file, as nextpnr-ecp5 does
/// it: paths start at clock-to-output arcs of registers and memories (launch time 0: the global
/// clock nets have no skew in nextpnr's model), arrivals propagate in topological order through
/// cell arcs and routed nets, keeping the latest, and end at inputs with a setup check clocked in
/// the same domain. Each endpoint's path is traced back along its latest-arriving predecessors.
/// A clock domain is named by the pin that drives its clock pins in the interconnect (a global
/// buffer's output); clock pins without a driver in the SDF (an out-of-context design's clock
/// port) are named by <c>undrivenClockDomain</c>. Paths between domains are not analysed, as
/// nextpnr judges each clock's Fmax on its own paths.
/// </summary>
public sealed class StaticTimingAnalysis
{
    private readonly List<TimingPin> pins = [];
    private readonly Dictionary<TimingPin, int> index = [];
    private readonly List<(int From, int To, double Delay, TimingArcKind Kind)> edges = [];
    private readonly List<int>[] outgoing;
    private readonly List<int> launches = []; // clock-to-output edges
    private readonly List<(int Data, int Clock, double Setup)> checks = [];
    private readonly int[] order;
    private readonly string[] domainOfPin;
    private readonly Dictionary<string, (double[] Arrival, int[] Via)> propagated = new(StringComparer.Ordinal);

    public StaticTimingAnalysis(SdfDelayFile sdf, Func<TimingPin, string?>? undrivenClockDomain = null)
    {
        ArgumentNullException.ThrowIfNull(sdf);
        var drivers = new Dictionary<TimingPin, TimingPin>();
        foreach (var net in sdf.Interconnects)
        {
            edges.Add((Pin(net.From), Pin(net.To), net.DelayNs, TimingArcKind.Net));
            drivers.TryAdd(net.To, net.From);
        }
        foreach (var cell in sdf.Cells)
        {
            foreach (var arc in cell.Arcs)
            {
                var clock = cell.IsClockPin(arc.FromPin);
                var edge = edges.Count;
                edges.Add((Pin(new(cell.Instance, arc.FromPin)), Pin(new(cell.Instance, arc.ToPin)), arc.DelayNs, clock ? TimingArcKind.ClockToOutput : TimingArcKind.Cell));
                if (clock) launches.Add(edge);
            }
            // A pin may be checked once per data edge (posedge and negedge): keep the largest setup.
            foreach (var g in cell.SetupChecks.GroupBy(c => (c.DataPin, c.ClockPin)))
                checks.Add((Pin(new(cell.Instance, g.Key.DataPin)), Pin(new(cell.Instance, g.Key.ClockPin)), g.Max(c => c.SetupNs)));
        }

        outgoing = new List<int>[pins.Count];
        for (var i = 0; i < pins.Count; i++) outgoing[i] = [];
        var incoming = new int[pins.Count];
        for (var e = 0; e < edges.Count; e++)
        {
            if (edges[e].Kind == TimingArcKind.ClockToOutput) continue;
            outgoing[edges[e].From].Add(e);
            incoming[edges[e].To]++;
        }
        // Kahn's algorithm; pins on a combinational loop never become ready and are left out.
        var ready = new Queue<int>(Enumerable.Range(0, pins.Count).Where(p => incoming[p] == 0));
        var sorted = new List<int>(pins.Count);
        while (ready.Count > 0)
        {
            var p = ready.Dequeue();
            sorted.Add(p);
            foreach (var e in outgoing[p])
                if (--incoming[edges[e].To] == 0) ready.Enqueue(edges[e].To);
        }
        order = [.. sorted];
        PinsOnLoops = pins.Count - order.Length;

        domainOfPin = new string[pins.Count];
        foreach (var clockPin in launches.Select(e => edges[e].From).Concat(checks.Select(c => c.Clock)).Distinct())
            domainOfPin[clockPin] = drivers.TryGetValue(pins[clockPin], out var driver)
                ? driver.ToString()
                : undrivenClockDomain?.Invoke(pins[clockPin]) ?? NoClockDriver;
        Domains = launches.Select(e => domainOfPin[edges[e].From]).Distinct().Order(StringComparer.Ordinal).ToList();
        FallingEdgeChecks = sdf.FallingEdgeChecks;
    }

    /// <summary>The domain name of clock pins that nothing drives and the caller could not name.</summary>
    public const string NoClockDriver = "(no clock driver)";

    /// <summary>The clock domains that launch paths, in ordinal order.</summary>
    public IReadOnlyList<string> Domains { get; }

    /// <summary>Pins on combinational loops, which the analysis leaves out (0 in a sound design).</summary>
    public int PinsOnLoops { get; }

    /// <summary>Setup checks against falling clock edges in the SDF, which the analysis leaves out.</summary>
    public int FallingEdgeChecks { get; }

    /// <summary>The clock domain of a clock pin, as the analysis named it; null when the pin clocks nothing.</summary>
    public string? DomainOf(TimingPin clockPin) => index.TryGetValue(clockPin, out var i) ? domainOfPin[i] : null;

    /// <summary>Every endpoint of <paramref name="domain"/> reached from a register of that domain, the longest path first.</summary>
    public IReadOnlyList<TimingEndpoint> Endpoints(string domain)
    {
        var (arrival, _) = Propagate(domain);
        return checks
            .Where(c => domainOfPin[c.Clock] == domain && !double.IsNegativeInfinity(arrival[c.Data]))
            .Select(c => new TimingEndpoint(pins[c.Data], pins[c.Clock], domain, arrival[c.Data], c.Setup))
            .OrderByDescending(e => e.PathNs)
            .ThenBy(e => e.Pin.Cell, StringComparer.Ordinal)
            .ThenBy(e => e.Pin.Pin, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The latest-arriving path into <paramref name="endpoint"/>.</summary>
    public TimingPath Trace(TimingEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var (_, via) = Propagate(endpoint.Domain);
        var arcs = new List<TimingArc> { new(endpoint.Pin, endpoint.ClockPin, endpoint.SetupNs, TimingArcKind.Setup) };
        var pin = index[endpoint.Pin];
        while (via[pin] >= 0)
        {
            var (from, to, delay, kind) = edges[via[pin]];
            arcs.Add(new TimingArc(pins[from], pins[to], delay, kind));
            if (kind == TimingArcKind.ClockToOutput) break;
            pin = from;
        }
        arcs.Reverse();
        return new TimingPath(endpoint, arcs);
    }

    private (double[] Arrival, int[] Via) Propagate(string domain)
    {
        if (propagated.TryGetValue(domain, out var done)) return done;
        var arrival = new double[pins.Count];
        var via = new int[pins.Count];
        Array.Fill(arrival, double.NegativeInfinity);
        Array.Fill(via, -1);
        foreach (var e in launches)
        {
            var (from, to, delay, _) = edges[e];
            if (domainOfPin[from] != domain || delay <= arrival[to]) continue;
            arrival[to] = delay;
            via[to] = e;
        }
        foreach (var p in order)
        {
            if (double.IsNegativeInfinity(arrival[p])) continue;
            foreach (var e in outgoing[p])
            {
                var (_, to, delay, _) = edges[e];
                if (arrival[p] + delay <= arrival[to]) continue;
                arrival[to] = arrival[p] + delay;
                via[to] = e;
            }
        }
        return propagated[domain] = (arrival, via);
    }

    private int Pin(TimingPin pin)
    {
        if (index.TryGetValue(pin, out var i)) return i;
        index[pin] = pins.Count;
        pins.Add(pin);
        return pins.Count - 1;
    }
}
