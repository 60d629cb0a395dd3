using System.Text.Json;
using System.Text.RegularExpressions;
using Zfpe.Cli.Adapters;
using Zfpe.Flow.Timing;

namespace Zfpe.Flow.Tests.Timing;

/// <summary>
/// The timing report with the real tools: the analysis agrees with nextpnr's own critical path on a
/// real core, and a build that misses its clock names its worst registers and logic by C# file and line.
/// </summary>
public partial class TimingReportTests
{
    /// <summary>
    /// The proof that the analysis reads the SDF as nextpnr times the design: on the compressor core
    /// (place and route out of context, as the sweep does it), its longest path is nextpnr's
    /// critical path to the picosecond, so the Fmax is nextpnr's. The target is one the core
    /// cannot reach (300 MHz; it meets 150), so that the report lists its worst paths.
    /// </summary>
    [ToolFact(ToolKind.Yosys, ToolKind.NextpnrEcp5)]
    public void On_the_compressor_core_the_worst_path_is_nextpnrs_critical_path_and_names_the_CSharp()
    {
        using var t = new TempDirectory();
        var tools = new ToolLocator();
        var options = new SweepOptions(EcpDevice.Lfe5u85, 300, SweepSteps.Synth | SweepSteps.PlaceAndRoute, 1, 1, t.Sub("sweep"))
        {
            CacheDirectory = t.Sub("cache"),
        };
        var result = new SweepRunner(tools).Run(SweepCatalogDesign.Create("compressor", digits: false), SweepSpace.Parse(["lanes=1", "b=5"]), options);
        var point = Assert.Single(result.Points);
        Assert.Null(point.Error);
        var seed = Assert.Single(point.Seeds);
        var directory = Path.Combine(t.Sub("sweep"), SweepRunner.PointsDirectory, point.Id, SweepRunner.SeedDirectory(1));
        var version = tools.Locate(ToolKind.NextpnrEcp5).Version;

        var pnr = PlaceAndRouteStatistics.Parse(File.ReadAllText(Path.Combine(directory, SweepPlaceAndRoute.ReportFile)));
        var clock = Assert.Single(pnr.Clocks);
        var critical = Assert.Single(pnr.CriticalPaths, p => p.SameClock == clock.Clock);
        var sta = new StaticTimingAnalysis(SdfDelayFile.Parse(File.ReadAllText(Path.Combine(directory, SweepPlaceAndRoute.SdfFile))));
        var endpoints = sta.Endpoints(Assert.Single(sta.Domains));
        var worst = endpoints[0];
        Assert.True(Math.Abs(worst.PathNs - critical.DelayNs) <= 0.005,
            $"{version}, seed 1: the analysis finds {worst.PathNs:0.000} ns into {worst.Pin}, nextpnr's critical path is {critical.DelayNs:0.000} ns into {critical.End}");
        Assert.Equal(clock.AchievedMhz, 1000 / worst.PathNs, 0.01);
        // Endpoints whose paths tie (bits of one register, delays within 5 ps, as nextpnr rounds them) may be
        // listed in another order than nextpnr picks among them: its end must be one of the tied worst.
        var tied = endpoints.TakeWhile(e => Math.Abs(e.PathNs - worst.PathNs) <= 0.005).Select(e => e.Pin).ToList();
        Assert.True(critical.End is { } end && tied.Contains(end),
            $"{version}, seed 1: nextpnr's critical path ends at {critical.End}, the analysis's worst endpoints ({worst.PathNs:0.000} ns) are {string.Join(", ", tied)}");

        // The sweep's report shows the worst paths by C# name: registers with their File.cs:line.
        var lines = seed.WorstPaths!;
        Assert.Matches(@"^clock clk: Fmax \d+\.\d\d MHz misses its 300 MHz constraint", lines[0]);
        Assert.Contains(lines, l => CSharpRegister().IsMatch(l) && l.TrimStart().StartsWith("from ", StringComparison.Ordinal));
        Assert.Contains(lines, l => CSharpRegister().IsMatch(l) && l.TrimStart().StartsWith("to ", StringComparison.Ordinal));
        var report = SweepReport.Render(result, SweepParetoFront.Of(result), [], []);
        TextAssert.ContainsAll(report,
            "## Timing: worst paths",
            "### lanes=1 b=5, seed 1");
        Assert.Contains(lines[1], report);
        Assert.True(File.Exists(Path.Combine(directory, SweepPlaceAndRoute.TimingFile)));
        // sweep.json keeps them, so a merged sweep reports them too.
        Assert.Equal(lines, SweepResult.FromJson(result.ToJson(), "sweep.json").Points[0].Seeds[0].WorstPaths);
    }

    /// <summary>A failing `zfpe build` (the flow with every tool) says which C# registers and lines its worst paths run between.</summary>
    [ToolFact(ToolKind.Yosys, ToolKind.NextpnrEcp5, ToolKind.Ecppack)]
    public void A_build_that_misses_its_clock_names_the_worst_paths_by_CSharp_file_and_line()
    {
        using var t = new TempDirectory();
        var options = new FlowOptions(EcpDevice.Lfe5u85, 25, 1, t.Sub("build")) { CacheDirectory = t.Sub("cache") };
        var result = new FlowRunner(new ToolLocator(), BoardConstraints.Ulx3s()).Run(TimingTestDesign.Request(), options, FlowTarget.Bitstream);
        Assert.Equal(FlowVerdict.Fail, result.Report.Verdict);

        var timing = result.Report.Timing!;
        var clock = Assert.Single(timing.Clocks);
        var nextpnr = Assert.Single(result.Report.PlaceAndRoute!.Clocks);
        Assert.Equal(nextpnr.Clock, clock.Clock);
        Assert.True(clock.AgreesWithNextpnr, $"analysis {clock.WorstPathNs} ns, nextpnr {clock.NextpnrCriticalPathNs} ns");
        Assert.Equal(nextpnr.AchievedMhz, clock.FmaxMhz, 0.01);
        Assert.True(clock.SlackNs < 0 && clock.FailingEndpoints > 0);

        // One entry per register: the state bits are grouped, so the seed → state path is listed once.
        var path = clock.Paths[0];
        Assert.Equal(("scrambler", "state", TimingTestDesign.Line("state")), (path.To.Signal!.Instance, path.To.Signal.Name, path.To.Signal.CSharp));
        Assert.Equal(("", "seed", TimingTestDesign.Line("seed")), (path.From.Signal!.Instance, path.From.Signal.Name, path.From.Signal.CSharp));
        Assert.StartsWith("data (", path.To.PinRole);
        Assert.Single(clock.Paths, p => p.To.Signal?.FullName == "scrambler.state");
        Assert.Equal(path.SlackNs, clock.SlackNs, 9);
        Assert.Equal(path.Path.DelayNs, path.Path.LogicNs + path.Path.RoutingNs, 9);
        Assert.Contains(path.Via, s => s.Place is { VerilogFile: "scrambler.v" } p && p.CSharp == TimingTestDesign.Line("state") && p.Excerpt!.Contains('+'));

        // report.txt (printed at the end of `zfpe build`) and report.json say the same.
        var text = File.ReadAllText(result.ReportTextPath);
        Assert.Contains("worst timing paths", text);
        Assert.Matches($@"from  seed\[\d+\]  register  {Regex.Escape(TimingTestDesign.Line("seed"))}", text);
        Assert.Matches($@"to    scrambler\.state\[\d+\]  register  {Regex.Escape(TimingTestDesign.Line("state"))}, into its data \((DI|M)\) pin", text);
        Assert.Contains("(the same ", text);
        using var json = JsonDocument.Parse(File.ReadAllText(result.ReportJsonPath));
        var to = json.RootElement.GetProperty("timing").GetProperty("clocks")[0].GetProperty("paths")[0].GetProperty("to");
        Assert.Equal(TimingTestDesign.Line("state"), to.GetProperty("csharp").GetString());
        Assert.Equal("state", to.GetProperty("signal").GetString());
    }

    [GeneratedRegex(@"\s[A-Z]\w*\.cs:\d+")]
    private static partial Regex CSharpRegister();
}
