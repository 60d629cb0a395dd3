using System.Globalization;
using System.Text;
using Zfpe.Hdl.Emit;

namespace Zfpe.Flow.Timing;

/// <summary>
/// The worst timing paths of the clocks that fail or are within the margin, named as the C#
/// source names them (see <see cref="TimingPathAnalysis"/>), for report.txt, report.json and the
/// sweep's report. Empty (no clocks) when every clock meets its constraint with room to spare.
/// </summary>
public sealed record TimingReport(int Seed, TimingReportOptions Options, IReadOnlyList<ClockTimingReport> Clocks, IReadOnlyList<string> Notes)
{
    private const int ExcerptLength = 72;
    private const int MaxReads = 4;

    /// <summary>A report that says why there are no paths (a missing SDF, an unreadable netlist).</summary>
    public static TimingReport Unavailable(int seed, TimingReportOptions options, string reason) => new(seed, options, [], [reason]);

    /// <summary>The section of report.txt; empty when there is nothing to report.</summary>
    public string ToText()
    {
        if (Clocks.Count == 0 && Notes.Count == 0) return "";
        var sb = new StringBuilder();
        sb.AppendLine(F("worst timing paths (static timing on nextpnr's routed delays, seed {0}; clocks that fail or have less than {1:0.#} % of their period as slack)",
            Seed, Options.MarginPercent));
        foreach (var clock in Clocks)
        {
            sb.AppendLine();
            sb.AppendLine("  " + Headline(clock));
            if (clock.NextpnrCriticalPathNs is { } n)
                sb.AppendLine(clock.AgreesWithNextpnr == true
                    ? F("  (the same {0:0.00} ns as nextpnr's critical path)", n)
                    : F("  WARNING: nextpnr's critical path is {0:0.00} ns, this analysis finds {1:0.00} ns: trust nextpnr's Fmax, and read the paths below with care", n, clock.WorstPathNs));
            sb.AppendLine(F("  {0} of {1} endpoints fail; {2}:", clock.FailingEndpoints, clock.Endpoints,
                clock.Paths.Count == 1 ? "the worst register" : $"the {clock.Paths.Count} worst registers (bits of one register grouped)"));
            for (var i = 0; i < clock.Paths.Count; i++)
            {
                sb.AppendLine();
                foreach (var line in PathLines(clock.Paths[i], i + 1)) sb.AppendLine("  " + line);
            }
            if (clock.Paths.Any(p => p.To.IsControlPin))
            {
                sb.AppendLine();
                sb.AppendLine("  Paths into CE or LSR: Yosys moved part of the register's next value (its enable, or a case that gives a");
                sb.AppendLine("  constant) onto the flip-flop's clock enable or set/reset pin, which a slice's two flip-flops share; LSR");
                sb.AppendLine("  also has a long setup time. See \"Reading the timing paths\" in gen/Zfpe.Flow/README.md.");
            }
        }
        if (Notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var n in Notes) sb.AppendLine("  note: " + n);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The report in a few lines per clock, for the sweep's report: the headline and the numbered
    /// paths (null when no clock is reported and nothing is noted).
    /// </summary>
    public IReadOnlyList<string>? Summary()
    {
        if (Clocks.Count == 0 && Notes.Count == 0) return null;
        var lines = new List<string>();
        foreach (var clock in Clocks)
        {
            lines.Add(Headline(clock) + (clock.AgreesWithNextpnr == false ? F(" (nextpnr's critical path: {0:0.00} ns)", clock.NextpnrCriticalPathNs) : ""));
            for (var i = 0; i < clock.Paths.Count; i++) lines.AddRange(PathLines(clock.Paths[i], i + 1));
        }
        lines.AddRange(Notes.Select(n => "note: " + n));
        return lines;
    }

    /// <summary>"clock X: Fmax 86.42 MHz misses its 100 MHz constraint, slack -1.57 ns (period 10.00 ns)".</summary>
    public static string Headline(ClockTimingReport clock) => clock.Met
        ? F("clock {0}: Fmax {1:0.00} MHz meets its {2:0.###} MHz constraint by only {3:0.00} ns of its {4:0.00} ns period",
            clock.Clock, clock.FmaxMhz, clock.ConstraintMhz, clock.SlackNs, clock.PeriodNs)
        : F("clock {0}: Fmax {1:0.00} MHz misses its {2:0.###} MHz constraint, slack {3:0.00} ns (period {4:0.00} ns)",
            clock.Clock, clock.FmaxMhz, clock.ConstraintMhz, clock.SlackNs, clock.PeriodNs);

    /// <summary>The lines of one path: numbered headline, from, via, to.</summary>
    public static IReadOnlyList<string> PathLines(TimingPathReport p, int number)
    {
        var lines = new List<string>();
        var head = $"{number}. ";
        var pad = new string(' ', head.Length);
        lines.Add(head + F("slack {0:0.00} ns: {1:0.00} ns = {2:0.00} logic + {3:0.00} routing, {4} cell{5}",
            p.SlackNs, p.Path.DelayNs, p.Path.LogicNs, p.Path.RoutingNs, p.Path.Cells.Count, p.Path.Cells.Count == 1 ? "" : "s"));
        var context = p.To.Signal?.Instance;
        lines.Add(pad + "from  " + Describe(p.From));
        for (var i = 0; i < p.Via.Count; i++)
            lines.Add(pad + (i == 0 ? "via   " : "      ") + Describe(p.Via[i], context));
        lines.Add(pad + "to    " + Describe(p.To) + (p.To.PinRole is { } role ? $", into its {role} pin" : ""));
        if (p.OtherEndpoints > 0)
        {
            var what = p.OtherBits.Count > 0 && p.To.Signal is { } s
                ? $"also bit{(p.OtherBits.Count == 1 ? "" : "s")} {BitRanges(p.OtherBits)} of {s.Name}"
                : $"also {p.OtherEndpoints} more pin{(p.OtherEndpoints == 1 ? "" : "s")} of it";
            lines.Add(pad + "      " + what + F(" (slack down to {0:0.00} ns)", p.OtherWorstSlackNs));
        }
        return lines;
    }

    private static string Describe(TimingPathEnd end)
    {
        if (end.Signal is not { } s) return end.Name;
        var parts = new List<string> { s.ToString() };
        if (s.KindText is { } kind) parts.Add(kind);
        if (s.CSharp is { } cs) parts.Add(cs);
        return string.Join("  ", parts);
    }

    private static string Describe(TimingPathStep step, string? context)
    {
        var text = new StringBuilder();
        var name = step.Drives is { } d ? (d.Instance == context ? d.Name + (d.Bit is { } b ? $"[{b}]" : "") : d.ToString()) : null;
        var excerpt = step.Place?.Excerpt is { } e ? (e.Length > ExcerptLength ? e[..(ExcerptLength - 1)] + "…" : e) : null;
        if (name is not null)
        {
            text.Append(name);
            if (step.Drives!.Kind is SourceMapSignalKind.ExpressionPart or SourceMapSignalKind.InstancePort) text.Append($" ({step.Drives.KindText})");
        }
        if (excerpt is not null)
        {
            var defines = step.Drives is not null && step.Place!.Target == step.Drives.Name;
            text.Append(name is null ? excerpt : defines ? $" = {excerpt}" : $" from {excerpt}");
            if (!defines && step.Place!.Target is { } target && target != step.Drives?.Name) text.Append($" (in {target})");
        }
        if (!step.IsNamed)
        {
            text.Append("logic without source names");
            if (step.Reads.Count > 0)
            {
                var reads = step.Reads.Select(r => context is { Length: > 0 } && r.StartsWith(context + ".", StringComparison.Ordinal) ? r[(context.Length + 1)..] : r).ToList();
                text.Append(" reading ").Append(string.Join(", ", reads.Take(MaxReads))).Append(reads.Count > MaxReads ? $" and {reads.Count - MaxReads} more" : "");
            }
        }
        var where = new List<string>();
        if ((step.Place?.CSharp ?? step.Drives?.CSharp) is { } cs) where.Add(cs);
        if (step.Place is { } place) where.Add($"({place.Verilog})");
        if (where.Count > 0) text.Append("  ").Append(string.Join(' ', where));
        text.Append(F("  {0}, {1:0.00} ns", step.CellTypes, step.DelayNs));
        return text.ToString();
    }

    /// <summary>Bits as descending ranges: 31:24, 20, 3:0.</summary>
    public static string BitRanges(IEnumerable<int> bits)
    {
        var sorted = bits.Distinct().OrderDescending().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] - 1) j++;
            parts.Add(i == j ? F("{0}", sorted[i]) : F("{0}:{1}", sorted[i], sorted[j]));
            i = j + 1;
        }
        return string.Join(", ", parts);
    }

    /// <summary>The object written under "timing" in report.json.</summary>
    public object ToJsonModel() => new
    {
        Seed,
        Options.MarginPercent,
        PathsPerClock = Options.Paths,
        Clocks = Clocks.Select(c => new
        {
            c.Clock,
            c.ConstraintMhz,
            PeriodNs = Ns(c.PeriodNs),
            WorstPathNs = Ns(c.WorstPathNs),
            SlackNs = Ns(c.SlackNs),
            FmaxMhz = Math.Round(c.FmaxMhz, 3),
            NextpnrCriticalPathNs = c.NextpnrCriticalPathNs is { } n ? Ns(n) : (double?)null,
            c.AgreesWithNextpnr,
            c.Endpoints,
            c.FailingEndpoints,
            Paths = c.Paths.Select(p => new
            {
                SlackNs = Ns(p.SlackNs),
                DelayNs = Ns(p.Path.DelayNs),
                LogicNs = Ns(p.Path.LogicNs),
                RoutingNs = Ns(p.Path.RoutingNs),
                Cells = p.Path.Cells.Count,
                From = EndJson(p.From),
                To = EndJson(p.To),
                Via = p.Via.Select(s => new
                {
                    Name = s.Drives?.ToString(),
                    Kind = s.Drives?.KindText,
                    Csharp = s.Place?.CSharp ?? s.Drives?.CSharp,
                    Verilog = s.Place?.Verilog,
                    Expression = s.Place?.Excerpt,
                    Statement = s.Place?.Target,
                    s.Reads,
                    s.CellTypes,
                    DelayNs = Ns(s.DelayNs),
                    s.Cells,
                }),
                p.OtherBits,
                p.OtherEndpoints,
                OtherWorstSlackNs = p.OtherWorstSlackNs is { } o ? Ns(o) : (double?)null,
                Arcs = p.Path.Arcs.Select(a => new { From = a.From.ToString(), To = a.To.ToString(), DelayNs = Ns(a.DelayNs), a.Kind }),
            }),
        }),
        Notes,
    };

    private static object EndJson(TimingPathEnd e) => new
    {
        e.Name,
        Instance = e.Signal?.Instance,
        Signal = e.Signal?.Name,
        e.Signal?.Bit,
        Kind = e.Signal?.KindText,
        Csharp = e.Signal?.CSharp,
        e.Pin.Cell,
        e.Pin.Pin,
        e.PinRole,
    };

    private static double Ns(double v) => Math.Round(v, 3);

    private static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
