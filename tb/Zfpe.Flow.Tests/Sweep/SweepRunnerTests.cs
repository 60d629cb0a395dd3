using Zfpe.Cli.Adapters;
using Zfpe.Hdl;

namespace Zfpe.Flow.Tests.Sweep;

public class SweepRunnerTests
{
    private static SweepOptions Options(TempDirectory t, SweepSteps steps = SweepSteps.Synth, int seeds = 1, string output = "sweep") =>
        new(EcpDevice.Lfe5u85, 100, steps, seeds, 2, t.Sub(output)) { CacheDirectory = t.Sub("cache") };

    /// <summary>A fifo sweep over one --set value with a Yosys that does not exist fails with <typeparamref name="TException"/>.</summary>
    private static TException FifoSweepWithoutYosysFails<TException>(TempDirectory t, string setting) where TException : Exception =>
        Assert.Throws<TException>(() => new SweepRunner(Tools(("ZFPE_YOSYS", "/nonexistent/yosys")))
            .Run(SweepCatalogDesign.Create("fifo", false), SweepSpace.Parse([setting]), Options(t)));

    private static ToolLocator Tools(params (string Name, string? Value)[] overrides) =>
        ToolLocator.WithOverrides(overrides.ToDictionary(o => o.Name, o => o.Value));

    [ToolFact(ToolKind.Yosys)]
    public void Re_running_a_sweep_synthesises_nothing_and_extending_it_synthesises_only_the_new_points()
    {
        using var t = new TempDirectory();
        var design = SweepCatalogDesign.Create("fifo", digits: false);
        var events = new List<SweepProgress>();
        var runner = new SweepRunner(Tools(("ZFPE_NEXTPNR_ECP5", "/nonexistent/nextpnr-ecp5")), p => { lock (events) events.Add(p); });

        var first = runner.Run(design, SweepSpace.Parse(["width=8,16", "depth=16"]), Options(t));
        Assert.All(first.Points, p => Assert.Equal(StageStatus.Ran, p.Synth.Status));
        Assert.All(first.Points, p => Assert.True(p.Synthesis!.Lut4 > 0 && p.Synthesis.FlipFlops > 0, p.Id));
        Assert.Equal(["8", "16"], first.Points.Select(p => p.Parameters["width"]));
        Assert.Equal("0", first.Points[0].Parameters["bram"]); // defaults filled in
        Assert.Equal(2, first.Run!.SynthRan);
        Assert.Equal(2, events.Count(e => e.Message.StartsWith("done", StringComparison.Ordinal)));
        Assert.Equal(2, events[^1].Done);

        var again = runner.Run(design, SweepSpace.Parse(["width=8,16", "depth=16"]), Options(t));
        Assert.All(again.Points, p => Assert.Equal(StageStatus.Reused, p.Synth.Status));
        Assert.All(again.Points, p => Assert.True(p.FullyReused));
        Assert.Equal(0, again.Run!.SynthRan);
        Assert.Equal(2, again.Run.PointsReused);
        // The time saved is what the original runs took, read back from their restored logs.
        Assert.Equal(first.Points.Sum(p => p.Synth.Seconds), again.Run.SavedSeconds, 0.25);
        Assert.True(again.Run.SavedSeconds > 0);
        Assert.Equal(first.Points.Select(p => p.Synthesis!.Lut4), again.Points.Select(p => p.Synthesis!.Lut4));
        foreach (var p in again.Points)
        {
            var manifest = BuildManifest.FromJson(File.ReadAllText(Path.Combine(t.Sub("sweep"), SweepRunner.PointsDirectory, p.Id, SweepRunner.SynthDirectory, FlowRunner.ManifestFile)));
            Assert.Equal(StageStatus.Reused, manifest.Stages.Single(s => s.Stage == "synth").Status);
        }
        Console.WriteLine($"re-run of the fifo sweep: saved {again.Run.SavedSeconds:0.0} s of Yosys time in {again.Run.WallSeconds:0.0} s");

        var extended = runner.Run(design, SweepSpace.Parse(["width=8,16,24", "depth=16"]), Options(t));
        Assert.Equal([StageStatus.Reused, StageStatus.Reused, StageStatus.Ran], extended.Points.Select(p => p.Synth.Status));
        Assert.Equal(1, extended.Run!.PointsRan);
    }

    [ToolFact(ToolKind.Yosys)]
    public void A_design_s_own_figures_are_measured_once_per_point_and_land_in_the_csv_and_the_report()
    {
        using var t = new TempDirectory();
        var measured = new List<string>();
        var design = SweepCatalogDesign.Create("fifo", digits: false) with
        {
            Measure = resolved =>
            {
                lock (measured) measured.Add(resolved["width"]);
                return [new SweepMeasurement("twice_the_width", 2 * int.Parse(resolved["width"], System.Globalization.CultureInfo.InvariantCulture), "the width doubled, for the test")];
            },
        };
        var result = new SweepRunner(Tools(("ZFPE_NEXTPNR_ECP5", "/nonexistent/nextpnr-ecp5"))).Run(design, SweepSpace.Parse(["width=8,12"]), Options(t));

        Assert.Equal(["12", "8"], measured.Order());
        Assert.Equal([16.0, 24.0], result.Points.Select(p => Assert.Single(p.Measured).Value));
        SweepOutputs.Write(result, t.Sub("out"), SweepPlotter.Locate(_ => null));
        var rows = SweepOutputChecks.ReadCsv(Path.Combine(t.Sub("out"), SweepCsv.FileName));
        Assert.Equal(["16", "24"], rows.Select(r => r["twice_the_width"]));
        var report = File.ReadAllText(Path.Combine(t.Sub("out"), SweepReport.FileName));
        Assert.Contains("## Measured by the design", report);
        Assert.Contains("- twice the width: the width doubled, for the test", report);
        Assert.Contains("| twice the width |", report);
    }

    [ToolFact(ToolKind.Yosys)]
    public void Place_and_route_runs_out_of_context_once_per_seed_and_is_reused_on_a_re_run()
    {
        using var t = new TempDirectory();
        var bin = t.Sub("bin");
        Directory.CreateDirectory(bin);
        var nextpnr = FakeNextpnr.Write(bin, baseMhz: 90);
        var tools = Tools(("ZFPE_NEXTPNR_ECP5", nextpnr));
        // The fifo stands in for a 4-lane design, so the throughput columns are exercised, and for a
        // design that measures a figure per cycle, so its per-second column is too.
        var design = SweepCatalogDesign.Create("fifo", digits: false) with
        {
            ValuesPerCycle = _ => 4,
            Measure = _ => [new SweepMeasurement("ops_per_cycle", 2.5, "a figure per cycle, for the test", PerSecond: "mops_per_second")],
        };
        var options = Options(t, SweepSteps.Synth | SweepSteps.PlaceAndRoute, seeds: 3);

        var result = new SweepRunner(tools).Run(design, SweepSpace.Parse(["width=8"]), options);

        var p = Assert.Single(result.Points);
        Assert.Null(p.Error);
        Assert.Equal([1, 2, 3], p.Seeds.Select(s => s.Seed));
        Assert.All(p.Seeds, s => Assert.Equal(StageStatus.Ran, s.PlaceAndRoute.Status));
        Assert.Equal([93.5, 96.5, 99.5], p.FmaxValues);
        Assert.Equal(96.5, p.FmaxMedian);
        Assert.Equal(4 * 96.5e6, p.ValuesPerSecond);
        Assert.Equal(4 * 96.5e6 / p.Synthesis!.Lut4, p.ValuesPerSecondPerLut);
        Assert.Equal(123, p.Seeds[0].Utilisation["TRELLIS_COMB"]);
        Assert.Equal("$glbnet$clk", p.Seeds[0].Clock);
        Assert.StartsWith("nextpnr-ecp5 -- Next Generation", p.NextpnrVersion);
        Assert.Equal(3, FakeNextpnr.Runs(bin));
        SweepOutputs.Write(result, t.Sub("out"), SweepPlotter.Locate(_ => null));
        var rows = SweepOutputChecks.ReadCsv(Path.Combine(t.Sub("out"), SweepCsv.FileName));
        Assert.Equal(["233.75", "241.25", "248.75"], rows.Select(r => r["mops_per_second"]));
        var report = File.ReadAllText(Path.Combine(t.Sub("out"), SweepReport.FileName));
        Assert.Contains("| mops per second (median Fmax) |", report);
        Assert.Contains("| 2.5 | 241.3 |", report);
        Assert.Contains("- mops per second: ops per cycle × the median Fmax", report);
        var arguments = File.ReadAllLines(Path.Combine(t.Sub("sweep"), "points", p.Id, SweepRunner.SeedDirectory(2), SweepPlaceAndRoute.ArgumentsFile));
        Assert.Equal(["--85k", "--package", "CABGA381", "--speed", "6", "--freq", "100", "--seed", "2", "--json", "../synth/sync_fifo.json",
            "--out-of-context", "--report", "nextpnr-report.json", "--sdf", "routed.sdf", "--timing-allow-fail"], arguments);

        var again = new SweepRunner(tools).Run(design, SweepSpace.Parse(["width=8"]), options with { Seeds = 4 });
        var q = Assert.Single(again.Points);
        Assert.Equal([StageStatus.Reused, StageStatus.Reused, StageStatus.Reused, StageStatus.Ran], q.Seeds.Select(s => s.PlaceAndRoute.Status));
        Assert.Equal(4, FakeNextpnr.Runs(bin)); // only the new seed ran
        Assert.Equal(3, again.Run!.PnrReused);
    }

    [Fact]
    public void A_design_with_pads_is_placed_on_the_board_s_pins_and_the_others_out_of_context()
    {
        static Zfpe.Hdl.Emit.EmittedDesign Emit(string name) => Zfpe.Cores.Designs.DesignCatalog.Get(name).Emit(new Dictionary<string, string>());
        Assert.True(SweepRunner.HasPads(Emit("ulx3s-memtest")));     // inout sdram_d, I/O-cell registers
        Assert.False(SweepRunner.HasPads(Emit("ulx3s-codec")));
        Assert.False(SweepRunner.HasPads(Emit("memory-system")));
        var onPins = FlowTemplates.RenderArguments("sweep-nextpnr.args", new
        {
            deviceFlag = "--85k", package = "CABGA381", speed = 6, freq = "100", seed = 1,
            netlist = "../synth/top.json", report = "r.json", sdf = "r.sdf", lpf = "../pins.lpf",
        });
        Assert.Contains("--lpf", onPins);
        Assert.Equal("../pins.lpf", onPins[onPins.ToList().IndexOf("--lpf") + 1]);
        Assert.DoesNotContain("--out-of-context", onPins);
    }

    [ToolFact(ToolKind.Yosys)]
    public void Without_nextpnr_place_and_route_is_skipped_with_the_reason_not_failed()
    {
        using var t = new TempDirectory();
        var result = new SweepRunner(Tools(("ZFPE_NEXTPNR_ECP5", "/nonexistent/nextpnr-ecp5")))
            .Run(SweepCatalogDesign.Create("fifo", false), SweepSpace.Parse(["depth=8"]), Options(t, SweepSteps.Synth | SweepSteps.PlaceAndRoute, seeds: 2));

        var p = Assert.Single(result.Points);
        Assert.False(p.Failed);
        Assert.Equal(StageStatus.Ran, p.Synth.Status);
        Assert.Equal([StageStatus.MissingTool, StageStatus.MissingTool], p.Seeds.Select(s => s.PlaceAndRoute.Status));
        Assert.Null(p.FmaxMedian);
        Assert.Contains(result.Notes, n => n.StartsWith("Place and route was skipped") && n.Contains("ZFPE_NEXTPNR_ECP5"));
        Assert.Equal(2, result.Run!.PnrSkipped);
    }

    [Fact]
    public void Without_Yosys_the_sweep_stops_before_running_anything()
    {
        using var t = new TempDirectory();
        var e = FifoSweepWithoutYosysFails<MissingToolException>(t, "width=8");

        Assert.Contains("ZFPE_YOSYS=/nonexistent/yosys", e.Message);
        Assert.False(Directory.Exists(t.Sub("sweep")));
    }

    [Fact]
    public void A_value_out_of_range_stops_the_sweep_before_any_tool_runs()
    {
        using var t = new TempDirectory();
        var e = FifoSweepWithoutYosysFails<ParameterValueException>(t, "width=8,0");

        Assert.Equal("parameter 'width' = 0 is out of range (allowed: 1..4096)", e.Message);
    }

    [ToolFact(ToolKind.Yosys)]
    public void A_point_the_design_refuses_is_recorded_as_failed_and_the_others_complete()
    {
        using var t = new TempDirectory();
        var fifo = SweepCatalogDesign.Create("fifo", false);
        var picky = fifo with
        {
            Emit = p => p["width"] == "9" ? throw new ArgumentException("width 9 is refused by this test design") : fifo.Emit(p),
        };

        var result = new SweepRunner(new ToolLocator()).Run(picky, SweepSpace.Parse(["width=8,9"]), Options(t));

        Assert.Null(result.Points[0].Error);
        Assert.Equal("width 9 is refused by this test design", result.Points[1].Error);
        Assert.Equal(StageStatus.NotRun, result.Points[1].Synth.Status);
        Assert.Equal(1, result.Run!.PointsFailed);
    }
}
