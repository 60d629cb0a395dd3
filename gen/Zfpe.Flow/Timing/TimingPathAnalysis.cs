using Zfpe.Hdl.Emit;

namespace Zfpe.Flow.Timing;

/// <summary>
/// Builds the timing report of a placed and routed design: for each clock that fails or is within
/// the margin (<see cref="TimingReportOptions"/>), a static timing analysis over nextpnr's SDF,
/// the endpoints grouped by register, and the worst path of each group named as the C# source
/// does (through the Yosys netlist and the design's source map).
/// </summary>
public static class TimingPathAnalysis
{
    /// <summary>
    /// Reads the files of a build and analyses them. The source map is read from
    /// <paramref name="rtlDirectory"/> when it is there. Throws <see cref="InvalidDataException"/>
    /// or <see cref="IOException"/> when a file is missing or unreadable.
    /// </summary>
    public static TimingReport Analyse(PlaceAndRouteStatistics pnr, string sdfPath, string netlistPath, string topModule,
        string? rtlDirectory, int seed, TimingReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(pnr);
        ArgumentNullException.ThrowIfNull(options);
        if (!pnr.Clocks.Any(c => options.Reports(c.ConstraintMhz, c.AchievedMhz))) return new TimingReport(seed, options, [], []);
        var sdf = SdfDelayFile.Parse(Read(sdfPath, "nextpnr's SDF"));
        var netlist = YosysNetlist.Parse(Read(netlistPath, "the Yosys netlist"), topModule);
        var mapPath = rtlDirectory is null ? null : Path.Combine(rtlDirectory, DesignSourceMap.FileName);
        var map = mapPath is not null && File.Exists(mapPath) ? DesignSourceMap.FromJson(File.ReadAllText(mapPath)) : null;
        return Analyse(pnr, sdf, new SourceNames(netlist, map, rtlDirectory), seed, options);
    }

    /// <summary>Analyses parsed inputs (see the other overload).</summary>
    public static TimingReport Analyse(PlaceAndRouteStatistics pnr, SdfDelayFile sdf, SourceNames names, int seed, TimingReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(pnr);
        ArgumentNullException.ThrowIfNull(sdf);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(options);
        var notes = new List<string>();
        var sta = new StaticTimingAnalysis(sdf, pin => names.NetBit(pin) is { } bit ? names.ClockNetName(bit) : null);
        if (sta.PinsOnLoops > 0)
            notes.Add($"{sta.PinsOnLoops} pins lie on combinational loops; the analysis leaves them out");
        if (sta.FallingEdgeChecks > 0)
            notes.Add($"{sta.FallingEdgeChecks} setup checks against falling clock edges are not analysed (only rising edges are)");
        if (!names.HasSourceMap)
            notes.Add($"no source map ({DesignSourceMap.FileName}) next to the Verilog: names are the Verilog's, without C# locations");

        var cellTypes = sdf.Cells.GroupBy(c => c.Instance, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().CellType, StringComparer.Ordinal);
        var domainOfClock = MatchDomains(pnr, sdf, sta);
        var reports = new List<ClockTimingReport>();
        foreach (var clock in pnr.Clocks.Where(c => options.Reports(c.ConstraintMhz, c.AchievedMhz)))
        {
            if (!domainOfClock.TryGetValue(clock.Clock, out var domain))
            {
                notes.Add($"clock {clock.Clock}: no register of the routed design is clocked by it as far as the SDF shows; no paths");
                continue;
            }
            var endpoints = sta.Endpoints(domain);
            if (endpoints.Count == 0) continue;
            var period = 1000 / clock.ConstraintMhz;
            var margin = options.MarginNs(clock.ConstraintMhz);
            var critical = pnr.CriticalPaths.FirstOrDefault(p => p.SameClock == clock.Clock)?.DelayNs;
            var paths = WorstPaths(sta, names, cellTypes, endpoints, period, margin, options.Paths);
            reports.Add(new ClockTimingReport(clock.Clock, clock.ConstraintMhz, endpoints[0].PathNs, endpoints.Count,
                endpoints.Count(e => e.PathNs > period), critical, paths));
        }
        return new TimingReport(seed, options, reports, notes);
    }

    /// <summary>
    /// Which analysis domain each of nextpnr's clocks is: through the end of nextpnr's critical path
    /// for that clock (its clock pin's domain), else by name (nextpnr calls a clock net it promotes
    /// to a global <c>$glbnet$name</c>, driven by the buffer <c>$gbuf$name</c>), else the only
    /// domain when there is only one.
    /// </summary>
    private static Dictionary<string, string> MatchDomains(PlaceAndRouteStatistics pnr, SdfDelayFile sdf, StaticTimingAnalysis sta)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var checks = sdf.Cells.SelectMany(c => c.SetupChecks.Select(k => (Pin: new TimingPin(c.Instance, k.DataPin), Clock: new TimingPin(c.Instance, k.ClockPin))))
            .GroupBy(x => x.Pin).ToDictionary(g => g.Key, g => g.First().Clock);
        foreach (var path in pnr.CriticalPaths)
        {
            if (path.SameClock is not { } clock || path.End is not { } end || !checks.TryGetValue(end, out var clockPin)) continue;
            if (sta.DomainOf(clockPin) is { } domain) result.TryAdd(clock, domain);
        }
        foreach (var clock in pnr.Clocks.Where(c => !result.ContainsKey(c.Clock)))
        {
            var bare = clock.Clock.StartsWith("$glbnet$", StringComparison.Ordinal) ? clock.Clock["$glbnet$".Length..] : clock.Clock;
            if (sta.Domains.FirstOrDefault(d => d == clock.Clock || d == bare || d == $"$gbuf${bare}/CLKO") is { } domain) result[clock.Clock] = domain;
        }
        if (result.Count == 0 && pnr.Clocks.Count == 1 && sta.Domains.Count == 1) result[pnr.Clocks[0].Clock] = sta.Domains[0];
        return result;
    }

    private static List<TimingPathReport> WorstPaths(StaticTimingAnalysis sta, SourceNames names, IReadOnlyDictionary<string, string> cellTypes,
        IReadOnlyList<TimingEndpoint> endpoints, double period, double margin, int count)
    {
        // Endpoints within the margin, grouped by the register (or memory) they belong to: one bus, one entry.
        var groups = new List<(string Key, List<(TimingEndpoint Endpoint, TimingPathEnd End)> Members)>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            if (period - endpoint.PathNs >= margin && groups.Count > 0) break;
            var end = EndOf(names, cellTypes, endpoint.Pin);
            var key = end.Signal?.FullName ?? end.Name;
            if (!byKey.TryGetValue(key, out var g))
            {
                byKey[key] = g = groups.Count;
                groups.Add((key, []));
            }
            groups[g].Members.Add((endpoint, end));
        }
        var reports = new List<TimingPathReport>();
        foreach (var (_, members) in groups.Take(count))
        {
            var (worst, end) = members[0];
            var path = sta.Trace(worst);
            var others = members.Skip(1).ToList();
            var bits = others.Select(m => m.End.Signal?.Bit).Where(b => b is not null && b != end.Signal?.Bit).Select(b => b!.Value)
                .Distinct().OrderDescending().ToList();
            reports.Add(new TimingPathReport(period - worst.PathNs, path, StartOf(names, path.Start), end, Steps(names, path),
                bits, others.Count, others.Count > 0 ? period - others[0].Endpoint.PathNs : null));
        }
        return reports;
    }

    private static TimingPathEnd StartOf(SourceNames names, TimingPin pin)
    {
        var signal = names.NetBit(pin) is { } bit ? names.SignalOf(bit) : null;
        if (signal is null && names.YosysCellOf(pin.Cell) is var (cell, _)) signal = names.MemoryOf(cell.Name);
        return new TimingPathEnd(pin, signal, signal?.ToString() ?? $"{pin.Cell} ({pin.Pin})", null);
    }

    private static TimingPathEnd EndOf(SourceNames names, IReadOnlyDictionary<string, string> cellTypes, TimingPin pin)
    {
        SourceSignal? signal = null;
        if (names.YosysCellOf(pin.Cell) is var (cell, _))
        {
            // A flip-flop is named by the register it holds (its Q); a memory cell by the memory.
            signal = cell.Type == "TRELLIS_FF" && cell.Connections.TryGetValue("Q", out var q) && q.Count == 1 && q[0] >= 0
                ? names.SignalOf(q[0])
                : names.MemoryOf(cell.Name);
        }
        var type = cellTypes.GetValueOrDefault(pin.Cell, "");
        return new TimingPathEnd(pin, signal, signal?.ToString() ?? $"{pin.Cell} ({pin.Pin})", PinRole(type, pin.Pin));
    }

    /// <summary>What an endpoint pin is for, in words.</summary>
    public static string PinRole(string cellType, string pin) => (cellType, pin) switch
    {
        ("TRELLIS_FF", "DI" or "M") => $"data ({pin})",
        ("TRELLIS_FF", "CE") => "clock enable (CE)",
        ("TRELLIS_FF", "LSR") => "set/reset (LSR)",
        ("DP16KD", _) when pin.StartsWith("DI", StringComparison.Ordinal) => $"write data ({pin})",
        ("DP16KD", _) when pin.StartsWith("AD", StringComparison.Ordinal) => $"address ({pin})",
        ("DP16KD", _) when pin.StartsWith("WE", StringComparison.Ordinal) => $"write enable ({pin})",
        ("DP16KD", _) when pin.StartsWith("CE", StringComparison.Ordinal) => $"clock enable ({pin})",
        ("DP16KD", _) when pin.StartsWith("OCE", StringComparison.Ordinal) => $"output clock enable ({pin})",
        ("DP16KD", _) when pin.StartsWith("RST", StringComparison.Ordinal) => $"reset ({pin})",
        ("DP16KD", _) when pin.StartsWith("CS", StringComparison.Ordinal) => $"chip select ({pin})",
        ("TRELLIS_COMB", _) when pin.StartsWith("WAD", StringComparison.Ordinal) => $"write address ({pin})",
        ("TRELLIS_COMB", _) when pin.StartsWith("WD", StringComparison.Ordinal) => $"write data ({pin})",
        ("TRELLIS_COMB", "WRE") => "write enable (WRE)",
        _ => pin,
    };

    /// <summary>The logic between start and end, as stretches from one place each.</summary>
    private static List<TimingPathStep> Steps(SourceNames names, TimingPath path)
    {
        var cells = new List<(string Cell, YosysCell? Yosys, SourceSignal? Drives, SourcePlace? Place, double Delay)>();
        var arcs = path.Arcs;
        for (var i = 0; i < arcs.Count; i++)
        {
            if (arcs[i].Kind != TimingArcKind.Cell) continue;
            var routing = i > 0 && arcs[i - 1].Kind == TimingArcKind.Net ? arcs[i - 1].DelayNs : 0;
            var yosys = names.YosysCellOf(arcs[i].From.Cell)?.Cell;
            var drives = Named(names, arcs[i].To) ?? (i + 1 < arcs.Count && arcs[i + 1].Kind == TimingArcKind.Net ? Named(names, arcs[i + 1].To) : null);
            cells.Add((arcs[i].From.Cell, yosys, drives, yosys is null ? null : names.PlaceOf(yosys), routing + arcs[i].DelayNs));
        }

        var steps = new List<List<int>>();
        string? Key(int c) => cells[c].Place?.Verilog ?? cells[c].Drives?.FullName;
        for (var c = 0; c < cells.Count; c++)
        {
            // A cell nextpnr made (a carry-chain feed-through) belongs to the stretch it sits in.
            var joins = steps.Count > 0 && (cells[c].Yosys is null || Key(c) == Key(steps[^1][^1]) || Key(c) == LastKey(steps[^1]));
            if (joins) steps[^1].Add(c);
            else steps.Add([c]);
        }
        var onPath = arcs.SelectMany(a => new[] { names.NetBit(a.From), names.NetBit(a.To) }).OfType<int>().ToHashSet();
        return steps.Select(s =>
        {
            var members = s.Select(c => cells[c]).ToList();
            var types = members.GroupBy(m => m.Yosys is null ? "nextpnr carry" : m.Yosys.Type)
                .Select(g => $"{g.Select(m => m.Yosys?.Name ?? m.Cell).Distinct().Count()} {g.Key}");
            var drives = members.LastOrDefault(m => m.Drives is not null).Drives;
            var place = members.FirstOrDefault(m => m.Place is not null).Place;
            var reads = drives is null && place is null ? SideInputs(names, members.Select(m => m.Yosys), onPath) : [];
            return new TimingPathStep(members.Select(m => m.Cell).ToList(), string.Join(" + ", types), drives, place, members.Sum(m => m.Delay), reads);
        }).ToList();

        string? LastKey(List<int> step) => step.Select(Key).LastOrDefault(k => k is not null);
    }

    /// <summary>The named signals that LUTs and carry cells read besides the path, bits of one signal together: "round_zero", "x[7:4]".</summary>
    private static IReadOnlyList<string> SideInputs(SourceNames names, IEnumerable<YosysCell?> cells, IReadOnlySet<int> onPath)
    {
        var read = new List<SourceSignal>();
        foreach (var cell in cells.OfType<YosysCell>().Where(c => c.Type is "LUT4" or "CCU2C").DistinctBy(c => c.Name))
            foreach (var (port, bits) in cell.Connections)
            {
                if (port is "Z" or "S0" or "S1" or "COUT" || bits.Count != 1 || bits[0] < 0 || onPath.Contains(bits[0])) continue;
                if (names.SignalOf(bits[0]) is { } signal && !read.Contains(signal)) read.Add(signal);
            }
        return read.GroupBy(r => r.FullName, StringComparer.Ordinal)
            .Select(g => g.Any(r => r.Bit is null) ? g.Key : $"{g.Key}[{TimingReport.BitRanges(g.Select(r => r.Bit!.Value))}]")
            .ToList();
    }

    private static SourceSignal? Named(SourceNames names, TimingPin pin) => names.NetBit(pin) is { } bit ? names.SignalOf(bit) : null;

    private static string Read(string path, string what) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"{what} is missing: {path}", path);
}
