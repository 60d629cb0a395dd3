using Zfpe.Tools;
using System.Globalization;
using System.Text;

namespace Zfpe.Flow.Sweep;

/// <summary>
/// Draws a sweep's plots with gnuplot: for each plot a tab-separated data file and a gnuplot
/// script rendered from a Handlebars template (Templates/sweep-*.gp.hbs) go into DIR/plots/, and
/// gnuplot turns the script into an SVG and a PNG beside them. Without gnuplot the data and
/// scripts are still written (run them later) and a note says why there are no images.
/// gnuplot is found by the tool registry like every tool: $ZFPE_GNUPLOT when set, otherwise PATH.
/// </summary>
public sealed class SweepPlotter
{
    public const string PlotsDirectory = "plots";
    public static string HowToGet => ToolSpec.Gnuplot.HowToGet;
    private const string Svg = "svg size 800,500 fixed enhanced font \"sans,12\" background rgb \"white\"";
    private const string PngCairo = "pngcairo size 800,500 enhanced font \"sans,10\" background rgb \"white\"";
    private const string PngGd = "png size 800,500";

    private readonly object _gate = new();
    private string? _pngTerminal;

    private SweepPlotter(string? path, string? problem)
    {
        GnuplotPath = path;
        Problem = problem;
    }

    /// <summary>The gnuplot executable, or null when it is missing (<see cref="Problem"/> says why).</summary>
    public string? GnuplotPath { get; }

    public string? Problem { get; }

    /// <summary>gnuplot as the tool registry finds it (<paramref name="environment"/> replaces the process environment in tests).</summary>
    public static SweepPlotter Locate(Func<string, string?>? environment = null)
    {
        var location = new ToolLocator(environment).Locate(ToolKind.Gnuplot);
        return location.Found ? new SweepPlotter(location.Path, null) : new SweepPlotter(null, location.Problem);
    }

    /// <summary>Writes the data and scripts of every plot the result supports and draws them; returns the plots and notes for the report.</summary>
    public (IReadOnlyList<SweepPlot> Plots, IReadOnlyList<string> Notes) Render(SweepResult result, SweepParetoFront front, string outputDirectory)
    {
        var dir = Path.Combine(Path.GetFullPath(outputDirectory), PlotsDirectory);
        Directory.CreateDirectory(dir);
        var notes = new List<string>();
        var specs = new List<PlotSpec>();
        var x = XAxis(result);
        var points = result.Points.Where(p => !p.Failed && p.Synthesis is not null).ToList();
        if (x is null)
            notes.Add("No swept parameter has two or more numeric values, so there are no plots against a parameter.");
        else
        {
            specs.Add(Lines(result, points, x, "area", $"Area: LUT4 against {x.Parameter}", "LUT4 (Yosys)", p => p.Synthesis!.Lut4, null));
            specs.Add(Lines(result, points, x, "logic-depth", $"Logic depth against {x.Parameter}", "logic depth (cells, Yosys ltp)", p => p.Synthesis!.LogicDepth, null));
            if (result.HasFmax)
                specs.Add(Lines(result, points, x, "fmax", $"Fmax against {x.Parameter} (median, bars: min-max over seeds)", "Fmax (MHz, nextpnr)", p => p.FmaxMedian, p => (p.FmaxMin, p.FmaxMax)));
        }
        if (result.HasQuality) specs.Add(Quality(result, points));
        // Without a front the report's Pareto section says why; no note here.
        if (front.Objectives.Count >= 2) specs.Add(Pareto(result, front));

        var plots = new List<SweepPlot>();
        if (GnuplotPath is null)
            notes.Add($"gnuplot was not found ({Problem}), so the plots were not drawn; their data and scripts are in {PlotsDirectory}/ (install it: {HowToGet}, then run `gnuplot <name>.gp` there or re-run the sweep).");
        foreach (var spec in specs)
        {
            foreach (var (name, text) in spec.Files)
                File.WriteAllText(Path.Combine(dir, name), text);
            var images = GnuplotPath is null ? [] : Draw(dir, spec, notes);
            plots.Add(new SweepPlot(spec.Name, spec.Title, images.Select(i => $"{PlotsDirectory}/{i}").ToList()));
        }
        return (plots, notes);
    }

    private IReadOnlyList<string> Draw(string dir, PlotSpec spec, List<string> notes)
    {
        var log = Path.Combine(dir, spec.Name + ".log");
        foreach (var image in spec.Images) File.Delete(Path.Combine(dir, image));
        try
        {
            var run = ToolProcess.Run(GnuplotPath!, [spec.Name + ".gp"], dir, log, TimeSpan.FromMinutes(2));
            var missing = spec.Images.Where(i => !File.Exists(Path.Combine(dir, i)) || new FileInfo(Path.Combine(dir, i)).Length == 0).ToList();
            if (run.ExitCode != 0 || missing.Count > 0)
            {
                notes.Add($"gnuplot could not draw {spec.Name} (exit code {run.ExitCode}): {string.Join(" ", ToolFailedException.ErrorLinesOf(run.Lines, 3))} (log: {PlotsDirectory}/{spec.Name}.log)");
                return spec.Images.Except(missing).ToList();
            }
        }
        catch (ToolFailedException e)
        {
            notes.Add($"gnuplot could not draw {spec.Name}: {e.Message}");
            return [];
        }
        return spec.Images;
    }

    /// <summary>The parameter the line plots run along: lanes when swept, else the first swept parameter with two or more numeric values.</summary>
    public static SweepAxis? XAxis(SweepResult result)
    {
        static bool Usable(SweepAxis a) => a.Values.Count >= 2 && a.Values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return result.Axes.FirstOrDefault(a => a.Parameter == "lanes" && Usable(a)) ?? result.Axes.FirstOrDefault(Usable);
    }

    private PlotSpec Lines(SweepResult result, IReadOnlyList<SweepPointResult> points, SweepAxis x, string name, string title, string ylabel,
        Func<SweepPointResult, double?> y, Func<SweepPointResult, (double? Low, double? High)>? range)
    {
        var others = result.Axes.Where(a => a.Parameter != x.Parameter && a.Values.Count > 1).Select(a => a.Parameter).ToList();
        var series = points
            .GroupBy(p => string.Join(" ", others.Select(o => $"{o}={Value(p, o)}")))
            .Select(g => (Title: g.Key.Length == 0 ? result.Design : g.Key,
                Rows: g.Where(p => y(p) is not null)
                    .Select(p => (X: double.Parse(Value(p, x.Parameter), CultureInfo.InvariantCulture), P: p))
                    .OrderBy(r => r.X).ToList()))
            .Where(s => s.Rows.Count > 0)
            .ToList();
        var data = new StringBuilder();
        for (var i = 0; i < series.Count; i++)
        {
            if (i > 0) data.Append("\n\n");
            data.Append("# ").Append(series[i].Title).Append('\n');
            foreach (var (xv, p) in series[i].Rows)
            {
                data.Append(F(xv)).Append('\t').Append(F(y(p)!.Value));
                if (range is not null) data.Append('\t').Append(F(range(p).Low ?? y(p)!.Value)).Append('\t').Append(F(range(p).High ?? y(p)!.Value));
                data.Append('\n');
            }
        }
        var xs = x.Values.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        var logx = xs.Count >= 3 && xs.All(v => v > 0 && Math.Abs(Math.Log2(v) - Math.Round(Math.Log2(v))) < 1e-9) && xs[^1] / xs[0] >= 4;
        var model = new Dictionary<string, object?>
        {
            ["title"] = Clean(title),
            ["xlabel"] = Clean(x.Parameter),
            ["ylabel"] = Clean(ylabel),
            ["data"] = name + ".dat",
            ["script"] = name + ".gp",
            ["seriesNote"] = others.Count == 0 ? "a single series" : "one per combination of " + string.Join(", ", others),
            ["columns"] = range is null ? $"{x.Parameter}, value" : $"{x.Parameter}, median, min, max",
            ["logx"] = logx,
            ["xtics"] = string.Join(", ", xs.Select(F)),
            ["using"] = range is null ? "1:2" : "1:2:3:4",
            ["style"] = range is null ? "linespoints" : "yerrorlines",
            ["series"] = series.Select((s, i) => new Dictionary<string, object> { ["index"] = i, ["title"] = Clean(s.Title) }).ToList(),
            ["outputs"] = Outputs(name),
        };
        return new PlotSpec(name, title, [(name + ".dat", data.ToString()), (name + ".gp", FlowTemplates.Render("sweep-lines.gp", model))], Images(name));
    }

    private PlotSpec Quality(SweepResult result, IReadOnlyList<SweepPointResult> points)
    {
        const string name = "quality";
        var dataset = result.DatasetNames[0];
        // Points that differ only in parameters the codec does not see (lanes) have the same quality: one marker each.
        var groups = points.Where(p => p.PrimaryQuality is not null)
            .GroupBy(p => (p.PrimaryQuality!.BitsPerValue, p.PrimaryQuality.PsnrDb))
            .OrderBy(g => g.Key.BitsPerValue).ThenBy(g => g.Key.PsnrDb)
            .ToList();
        var data = new StringBuilder();
        var skipped = 0;
        foreach (var g in groups)
        {
            if (!double.IsFinite(g.Key.PsnrDb)) { skipped++; continue; }
            var shared = result.Axes.Where(a => a.Values.Count > 1)
                .Select(a => a.Parameter)
                .Where(k => g.Select(p => Value(p, k)).Distinct().Count() == 1)
                .Select(k => $"{k}={Value(g.First(), k)}");
            data.Append(F(g.Key.BitsPerValue)).Append('\t').Append(F(g.Key.PsnrDb)).Append('\t').Append(Clean(string.Join(" ", shared))).Append('\n');
        }
        var title = $"Quality against bits per value ({dataset})" + (skipped > 0 ? $"; {skipped} exact point(s) not drawn" : "");
        var model = new Dictionary<string, object?>
        {
            ["title"] = Clean(title),
            ["dataset"] = Clean(dataset),
            ["data"] = name + ".dat",
            ["script"] = name + ".gp",
            ["outputs"] = Outputs(name),
        };
        return new PlotSpec(name, title, [(name + ".dat", data.ToString()), (name + ".gp", FlowTemplates.Render("sweep-quality.gp", model))], Images(name));
    }

    private PlotSpec Pareto(SweepResult result, SweepParetoFront front)
    {
        const string name = "pareto";
        var area = front.Objectives.Single(o => o.Name == "area");
        var quality = front.Objectives.FirstOrDefault(o => o.Name == "quality");
        var yAxis = front.Objectives.FirstOrDefault(o => o.Name is not ("area" or "quality")) ?? quality!;
        var colour = quality is not null && yAxis != quality ? quality : null;
        string Row(SweepPointResult p) =>
            $"{F(area.Value(p)!.Value)}\t{F(yAxis.Value(p)!.Value)}\t{(colour?.Value(p) is { } v && double.IsFinite(v) ? F(v) : "NaN")}";
        var all = string.Concat(front.Candidates.Select(p => Row(p) + "\n"));
        // Labels of front points at the same height alternate above and below their marker so that neighbours stay readable.
        var ys = front.Candidates.Select(p => yAxis.Value(p)!.Value).Where(double.IsFinite).ToList();
        var span = ys.Count == 0 ? 1 : Math.Max(ys.Max() - ys.Min(), Math.Abs(ys.Max()) * 0.1);
        if (span == 0) span = 1;
        var onFront = new StringBuilder();
        var previousY = double.NaN;
        var above = false;
        foreach (var p in front.Front.OrderBy(p => yAxis.Value(p)).ThenBy(p => area.Value(p)))
        {
            var y = yAxis.Value(p)!.Value;
            above = y == previousY ? !above : true;
            previousY = y;
            var label = Clean(string.Join(" ", p.Swept.Select(kv => $"{kv.Key}={kv.Value}")));
            onFront.Append(Row(p)).Append('\t').Append(label).Append('\t').Append(F(y + (above ? 0.05 : -0.05) * span)).Append('\n');
        }
        var title = $"Pareto front of {result.Design}: " + string.Join(", ", front.Objectives.Select(o => $"{o.Name} {(o.Maximise ? "up" : "down")}"));
        var model = new Dictionary<string, object?>
        {
            ["title"] = Clean(title),
            ["xlabel"] = Clean($"area: {area.Unit} (fewer is better)"),
            ["ylabel"] = Clean($"{yAxis.Name}: {yAxis.Unit} (more is better)"),
            ["colour"] = colour is not null,
            ["cblabel"] = colour is null ? "" : Clean($"{colour.Name}: {colour.Unit}"),
            ["data"] = name + ".dat",
            ["frontData"] = name + "-front.dat",
            ["script"] = name + ".gp",
            ["columns"] = $"{area.Unit}, {yAxis.Unit}, {(colour?.Unit ?? "unused")}, then in the front file the label and its height",
            ["outputs"] = Outputs(name),
        };
        return new PlotSpec(name, title,
            [(name + ".dat", all), (name + "-front.dat", onFront.ToString()), (name + ".gp", FlowTemplates.Render("sweep-pareto.gp", model))], Images(name));
    }

    private List<Dictionary<string, object>> Outputs(string name) =>
    [
        new() { ["terminal"] = Svg, ["file"] = name + ".svg" },
        new() { ["terminal"] = PngTerminal(), ["file"] = name + ".png" },
    ];

    private static IReadOnlyList<string> Images(string name) => [name + ".svg", name + ".png"];

    /// <summary>pngcairo (anti-aliased) when this gnuplot has it, else the libgd png terminal.</summary>
    private string PngTerminal()
    {
        lock (_gate)
        {
            if (_pngTerminal is not null) return _pngTerminal;
            _pngTerminal = PngCairo;
            if (GnuplotPath is not null)
            {
                try
                {
                    var probe = ToolProcess.Run(GnuplotPath, ["-e", "set terminal pngcairo"], Directory.GetCurrentDirectory(), null, TimeSpan.FromSeconds(20));
                    if (probe.ExitCode != 0 || probe.Lines.Any(l => l.Contains("unknown", StringComparison.OrdinalIgnoreCase))) _pngTerminal = PngGd;
                }
                catch (ToolFailedException)
                {
                    // Drawing will report the problem.
                }
            }
            return _pngTerminal;
        }
    }

    private static string Value(SweepPointResult p, string parameter) => p.Parameters.TryGetValue(parameter, out var v) ? v : p.Swept.GetValueOrDefault(parameter, "");

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    // gnuplot strings are double-quoted and data fields tab-separated: keep both intact.
    private static string Clean(string text) => text.Replace('"', '\'').Replace('\t', ' ').Replace('\n', ' ');

    private sealed record PlotSpec(string Name, string Title, IReadOnlyList<(string Name, string Text)> Files, IReadOnlyList<string> Images);
}
