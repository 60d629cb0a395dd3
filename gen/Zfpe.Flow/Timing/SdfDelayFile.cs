using System.Globalization;
using System.Text;

namespace Zfpe.Flow.Timing;

/// <summary>
/// What an SDF file (as nextpnr writes it with <c>--sdf</c>) says about a routed design: per cell
/// its delay arcs (IOPATH) and setup checks (SETUPHOLD, SETUP), and every routed connection
/// (INTERCONNECT), each as its maximum delay in ns (SDF gives min:typ:max; nextpnr's own timing
/// uses the max). Checks against falling clock edges are counted in
/// <see cref="FallingEdgeChecks"/> and otherwise left out: the analysis assumes rising edges.
/// </summary>
public sealed record SdfDelayFile(IReadOnlyList<SdfCell> Cells, IReadOnlyList<SdfInterconnect> Interconnects, int FallingEdgeChecks)
{
    /// <summary>Parses SDF text; throws <see cref="InvalidDataException"/> saying what is wrong and where.</summary>
    public static SdfDelayFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = SdfExpression.Parse(text);
        if (root.Head != "DELAYFILE")
            throw new InvalidDataException($"not an SDF file: it starts with ({root.Head ?? "?"} ...), not (DELAYFILE ...)");
        var nsPerUnit = 1.0; // SDF's default time scale is 1 ns
        var divider = '.';
        foreach (var item in root.Lists)
        {
            if (item.Head == "TIMESCALE") nsPerUnit = TimeScale(item);
            else if (item.Head == "DIVIDER" && item.Atoms.Skip(1).FirstOrDefault() is { Length: 1 } d) divider = d[0];
        }

        var cells = new List<SdfCell>();
        var interconnects = new List<SdfInterconnect>();
        var falling = 0;
        foreach (var cell in root.Lists.Where(l => l.Head == "CELL"))
        {
            var type = cell.Child("CELLTYPE")?.Atoms.Skip(1).FirstOrDefault()?.Trim('"') ?? "";
            var instance = Unescape(string.Concat(cell.Child("INSTANCE")?.Atoms.Skip(1) ?? []));
            var arcs = new List<SdfCellArc>();
            var checks = new List<SdfSetupCheck>();
            foreach (var delay in cell.Lists.Where(l => l.Head == "DELAY"))
                foreach (var block in delay.Lists)
                    foreach (var entry in block.Lists)
                    {
                        if (entry.Head == "IOPATH")
                        {
                            var ports = entry.Items.Skip(1).Take(2).Select(Port).ToList();
                            if (ports.Count == 2)
                                arcs.Add(new SdfCellArc(ports[0].Name, ports[1].Name, Max(entry.Items.Skip(3), nsPerUnit, entry)));
                        }
                        else if (entry.Head == "INTERCONNECT")
                        {
                            var ends = entry.Items.Skip(1).Take(2).Select(i => i.Atom).ToList();
                            if (ends.Count != 2 || ends.Any(e => e is null))
                                throw new InvalidDataException($"SDF line {entry.Line}: an INTERCONNECT needs two pins");
                            interconnects.Add(new SdfInterconnect(SplitPin(ends[0]!, divider, entry.Line), SplitPin(ends[1]!, divider, entry.Line),
                                Max(entry.Items.Skip(3), nsPerUnit, entry)));
                        }
                    }
            foreach (var check in cell.Lists.Where(l => l.Head == "TIMINGCHECK").SelectMany(l => l.Lists))
            {
                if (check.Head is not ("SETUPHOLD" or "SETUP")) continue;
                var ports = check.Items.Skip(1).Take(2).Select(Port).ToList();
                if (ports.Count != 2 || check.Items.Count < 4)
                    throw new InvalidDataException($"SDF line {check.Line}: a {check.Head} needs a data pin, a clock pin and a setup value");
                if (ports[1].Edge == "negedge")
                {
                    falling++;
                    continue;
                }
                checks.Add(new SdfSetupCheck(ports[0].Name, ports[1].Name, Max([check.Items[3]], nsPerUnit, check)));
            }
            cells.Add(new SdfCell(instance, type, arcs, checks));
        }
        return new SdfDelayFile(cells, interconnects, falling);
    }

    private static double TimeScale(SdfExpression timescale)
    {
        var text = string.Concat(timescale.Atoms.Skip(1)).Trim();
        var digits = new string(text.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
        var unit = text[digits.Length..].Trim().ToLowerInvariant();
        var factor = unit switch
        {
            "s" => 1e9,
            "ms" => 1e6,
            "us" => 1e3,
            "ns" => 1,
            "ps" => 1e-3,
            "fs" => 1e-6,
            _ => throw new InvalidDataException($"SDF line {timescale.Line}: unknown TIMESCALE unit in '{text}'"),
        };
        if (!double.TryParse(digits.Length == 0 ? "1" : digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            throw new InvalidDataException($"SDF line {timescale.Line}: bad TIMESCALE '{text}'");
        return n * factor;
    }

    /// <summary>The largest value of delay lists such as (175:311:447) (175:311:447), in ns; 0 when all are empty.</summary>
    private static double Max(IEnumerable<SdfExpression> values, double nsPerUnit, SdfExpression owner)
    {
        var max = double.NegativeInfinity;
        foreach (var value in values)
        {
            if (value.Atom is not null) continue;
            foreach (var atom in value.Atoms)
                foreach (var part in atom.Split(':'))
                {
                    if (part.Length == 0) continue;
                    if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                        throw new InvalidDataException($"SDF line {owner.Line}: '{atom}' in {owner.Head} is not a delay");
                    max = Math.Max(max, v);
                }
        }
        return double.IsNegativeInfinity(max) ? 0 : max * nsPerUnit;
    }

    private static (string Name, string? Edge) Port(SdfExpression port) =>
        port.Atom is { } name
            ? (Unescape(name), null)
            : (Unescape(port.Atoms.Skip(1).FirstOrDefault() ?? ""), port.Head);

    private static TimingPin SplitPin(string path, char divider, int line)
    {
        for (var i = path.Length - 1; i > 0; i--)
        {
            if (path[i] != divider) continue;
            var escapes = 0;
            for (var j = i - 1; j >= 0 && path[j] == '\\'; j--) escapes++;
            if (escapes % 2 == 0) return new TimingPin(Unescape(path[..i]), Unescape(path[(i + 1)..]));
        }
        throw new InvalidDataException($"SDF line {line}: '{path}' is not a cell pin (cell{divider}pin)");
    }

    private static string Unescape(string name)
    {
        if (!name.Contains('\\')) return name;
        var sb = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '\\' && i + 1 < name.Length) i++;
            sb.Append(name[i]);
        }
        return sb.ToString();
    }
}
