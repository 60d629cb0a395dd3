using System.Text.Json;

namespace Zfpe.Flow.Tests;

public class FlowRunnerTests
{
    private static readonly BoardConstraints Board = BoardConstraints.Ulx3s();

    private static FlowOptions Options(TempDirectory t, string device = "85k", string build = "build") =>
        new(EcpDevice.Parse(device), 25, 1, t.Sub(build)) { CacheDirectory = t.Sub("cache") };

    private static ToolLocator Tools(params (string Name, string? Value)[] overrides) =>
        ToolLocator.WithOverrides(overrides.ToDictionary(o => o.Name, o => o.Value));

    [ToolFact(ToolKind.Yosys)]
    public void Synthesis_of_a_small_design_for_the_85k_gives_consistent_positive_counts()
    {
        using var t = new TempDirectory();
        var lines = new List<string>();
        var result = new FlowRunner(new ToolLocator(), Board, lines.Add)
            .Run(TestDesigns.Request(TestDesigns.Blinky()), Options(t), FlowTarget.Synthesis);

        var s = result.Report.Synthesis!;
        Assert.True(s.Count("LUT4") > 0);
        Assert.True(s.CarryCells > 0); // the 24-bit counter
        Assert.Equal(s.Count("LUT4") + 2 * s.CarryCells + 6 * s.Count("TRELLIS_DPR16X4"), s.Lut4);
        Assert.True(s.FlipFlops >= 24 + 9, $"expected at least the counter's 24 and the sum's 9 flip-flops, got {s.FlipFlops}");
        Assert.Equal(s.Count("TRELLIS_FF"), s.FlipFlops);
        Assert.Equal(1, s.BlockRams);
        Assert.Equal(1, s.Multipliers);
        Assert.Equal(s.CellsByType.Values.Sum(), s.TotalCells);
        Assert.True(s.LogicDepth > 0);
        var lut = result.Report.SynthesisResources.Single(r => r.Resource == "LUT4");
        Assert.Equal(83_640, lut.Available);
        Assert.Equal(100.0 * s.Lut4 / 83_640, lut.Percent, 9);
        Assert.Equal(FlowVerdict.Pass, result.Report.Verdict);
        Assert.Equal(StageStatus.Ran, result.Stage("synth").Status);
        Assert.Contains(lines, l => l.StartsWith("[synth] running Yosys"));

        // Everything is in the build directory, and the JSON report says what the object says.
        foreach (var f in new[] { "blinky.json", "stat.json", "ltp.txt", "synth.ys", "logs/yosys.log", "rtl/blinky.v", "rtl/accumulator.v", "report.txt" })
            Assert.True(File.Exists(Path.Combine(result.OutputDirectory, f)), f);
        using var report = JsonDocument.Parse(File.ReadAllText(result.ReportJsonPath));
        Assert.Equal(s.Lut4, report.RootElement.GetProperty("synthesis").GetProperty("lut4").GetInt64());
        Assert.Equal("pass", report.RootElement.GetProperty("verdict").GetString());
        Assert.Contains("LUT4", File.ReadAllText(result.ReportTextPath));
    }

    [ToolFact(ToolKind.Yosys)]
    public void The_manifest_records_parameters_tool_versions_seed_and_input_hashes()
    {
        using var t = new TempDirectory();
        var result = new FlowRunner(new ToolLocator(), Board).Run(TestDesigns.Request(TestDesigns.Blinky()), Options(t), FlowTarget.Synthesis);
        var m = BuildManifest.FromJson(File.ReadAllText(result.ManifestPath));
        Assert.Equal("test-blinky", m.Design);
        Assert.Equal("24", m.Parameters["width"]);
        Assert.Equal(1, m.Seed);
        Assert.Equal("85k", m.Device);
        Assert.StartsWith("Yosys ", m.Tools["yosys"].Version);
        Assert.Equal(FlowHash.OfFile(Path.Combine(result.OutputDirectory, "rtl/blinky.v")), m.Inputs["rtl/blinky.v"]);
        Assert.Equal(FlowHash.OfFile(Path.Combine(result.OutputDirectory, "blinky.json")), m.Outputs["blinky.json"]);
        Assert.StartsWith("ulx3s_v20.lpf sha256:", m.Constraints);
        Assert.Contains("MT48LC16M16A2", m.SdramAssumption);
    }

    [ToolFact(ToolKind.Yosys)]
    public void A_second_run_with_unchanged_inputs_reuses_synthesis_and_a_changed_design_reruns_it()
    {
        using var t = new TempDirectory();
        var runner = new FlowRunner(new ToolLocator(), Board);
        var first = runner.Run(TestDesigns.Request(TestDesigns.Blinky()), Options(t), FlowTarget.Synthesis);
        Assert.Equal(StageStatus.Ran, first.Stage("synth").Status);

        // Another build directory, same cache: the stage is found by the hash of its inputs.
        var second = runner.Run(TestDesigns.Request(TestDesigns.Blinky()), Options(t, build: "build2"), FlowTarget.Synthesis);
        Assert.Equal(StageStatus.Reused, second.Stage("synth").Status);
        Assert.Equal(first.Stage("synth").Key, second.Stage("synth").Key);
        Assert.Equal(first.Report.Synthesis!.CellsByType, second.Report.Synthesis!.CellsByType);
        Assert.True(File.Exists(Path.Combine(second.OutputDirectory, "blinky.json")));

        var changed = runner.Run(TestDesigns.Request(TestDesigns.Blinky("count + 3")), Options(t), FlowTarget.Synthesis);
        Assert.Equal(StageStatus.Ran, changed.Stage("synth").Status);
        Assert.NotEqual(first.Stage("synth").Key, changed.Stage("synth").Key);
    }

    [Fact]
    public void A_missing_yosys_stops_the_flow_with_a_message_naming_the_tool_and_how_to_get_it()
    {
        using var t = new TempDirectory();
        var runner = new FlowRunner(Tools(("ZFPE_YOSYS", "/nonexistent/yosys")), Board);
        var e = Assert.Throws<MissingToolException>(() =>
            runner.Run(TestDesigns.Request(TestDesigns.Blinky()), Options(t), FlowTarget.Synthesis));
        TextAssert.ContainsAll(e.Message,
            "yosys is needed for synthesis",
            "ZFPE_YOSYS=/nonexistent/yosys",
            "apt-get install yosys");

        // What precedes synthesis is written, and the report says where the flow stopped.
        var build = t.Sub("build");
        Assert.True(File.Exists(Path.Combine(build, "rtl/blinky.v")));
        Assert.True(File.Exists(Path.Combine(build, "synth.ys")));
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(build, "report.json")));
        Assert.Equal("incomplete", report.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("missingTool", report.RootElement.GetProperty("stages")[0].GetProperty("status").GetString());
    }

    [Fact]
    public void Only_the_verilog_an_earlier_run_wrote_is_removed_from_rtl()
    {
        using var t = new TempDirectory();
        var runner = new FlowRunner(Tools(("ZFPE_YOSYS", "/nonexistent/yosys")), Board);
        Assert.Throws<MissingToolException>(() => runner.Run(TestDesigns.Request(TestDesigns.Blinky()), Options(t), FlowTarget.Synthesis));
        var rtl = Path.Combine(t.Sub("build"), "rtl");
        Assert.True(File.Exists(Path.Combine(rtl, "blinky.v")));
        File.WriteAllText(Path.Combine(rtl, "mine.v"), "module mine; endmodule\n");

        Assert.Throws<MissingToolException>(() => runner.Run(TestDesigns.Request(TestDesigns.WithUnconstrainedPorts()), Options(t), FlowTarget.Synthesis));
        Assert.False(File.Exists(Path.Combine(rtl, "blinky.v")));
        Assert.False(File.Exists(Path.Combine(rtl, "accumulator.v")));
        Assert.True(File.Exists(Path.Combine(rtl, "wide.v")));
        Assert.Equal("module mine; endmodule\n", File.ReadAllText(Path.Combine(rtl, "mine.v")));
    }

    [ToolFact(ToolKind.Yosys)]
    public void A_missing_nextpnr_stops_the_build_after_synthesis_with_everything_before_it_written()
    {
        using var t = new TempDirectory();
        var runner = new FlowRunner(Tools(("ZFPE_NEXTPNR_ECP5", "/nonexistent/nextpnr-ecp5")), Board);
        var e = Assert.Throws<MissingToolException>(() =>
            runner.Run(TestDesigns.Request(TestDesigns.Blinky()), Options(t), FlowTarget.Bitstream));
        Assert.Equal(ToolKind.NextpnrEcp5, e.Location.Spec.Kind);
        TextAssert.ContainsAll(e.Message,
            "OSS CAD Suite",
            "ZFPE_NEXTPNR_ECP5");

        var build = t.Sub("build");
        foreach (var f in new[] { "blinky.lpf", "blinky.json", "stat.json", "nextpnr.args", "report.txt", "manifest.json" })
            Assert.True(File.Exists(Path.Combine(build, f)), f);
        Assert.False(File.Exists(Path.Combine(build, "blinky.config")));
        var text = File.ReadAllText(Path.Combine(build, "report.txt"));
        TextAssert.ContainsAll(text,
            "verdict: incomplete",
            "after synthesis");
    }

    [Fact]
    public void An_unconstrained_port_stops_the_build_before_synthesis_naming_the_port()
    {
        using var t = new TempDirectory();
        var design = TestDesigns.WithUnconstrainedPorts();
        var e = Assert.Throws<UnconstrainedPortsException>(() =>
            new FlowRunner(new ToolLocator(), Board).Run(TestDesigns.Request(design), Options(t), FlowTarget.Bitstream));
        TextAssert.ContainsAll(e.Message,
            "led[8]",
            "debug[0..3]");
        var build = t.Sub("build");
        Assert.False(File.Exists(Path.Combine(build, "wide.json")));
        var text = File.ReadAllText(Path.Combine(build, "report.txt"));
        Assert.Matches(@"constraints\s+-\s+Failed", text);
        Assert.Matches(@"synth\s+yosys\s+NotRun", text);
    }

    [ToolFact(ToolKind.Yosys)]
    public void Synthesis_alone_lists_unconstrained_ports_without_failing()
    {
        using var t = new TempDirectory();
        var result = new FlowRunner(new ToolLocator(), Board)
            .Run(TestDesigns.Request(TestDesigns.WithUnconstrainedPorts()), Options(t), FlowTarget.Synthesis);
        Assert.Equal(["led[8]", "debug[0..3]"], result.Report.UnconstrainedPorts);
        Assert.Equal(FlowVerdict.Pass, result.Report.Verdict);
    }

    [ToolFact(ToolKind.Yosys)]
    public void Verilog_with_an_error_fails_with_the_yosys_error_line_in_the_message()
    {
        using var t = new TempDirectory();
        var e = Assert.Throws<ToolFailedException>(() =>
            new FlowRunner(new ToolLocator(), Board).Run(TestDesigns.Request(TestDesigns.Broken()), Options(t), FlowTarget.Synthesis));
        Assert.Equal("yosys", e.Tool);
        Assert.NotEqual(0, e.ExitCode);
        Assert.Contains(e.ErrorLines, l => l.Contains("ERROR: syntax error") && l.Contains("blinky.v:3"));
        TextAssert.ContainsAll(e.Message,
            "ERROR:",
            "logs/yosys.log");
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(t.Sub("build"), "report.json")));
        Assert.Equal("failed", report.RootElement.GetProperty("stages")[0].GetProperty("status").GetString());
    }

    [ToolFact(ToolKind.Yosys)]
    public void Place_route_and_pack_run_with_the_rendered_arguments_and_their_report_is_parsed()
    {
        // Stand-ins for nextpnr-ecp5 and ecppack (not installed everywhere): they check the
        // arguments and write what the real tools write; the real tools are tested below.
        using var t = new TempDirectory();
        var fakes = Directory.CreateDirectory(t.Sub("fakes")).FullName;
        var tools = Tools(("ZFPE_NEXTPNR_ECP5", FakeTool.Nextpnr(fakes, 180.5)), ("ZFPE_ECPPACK", FakeTool.Ecppack(fakes)));
        var runner = new FlowRunner(tools, Board);
        var result = runner.Run(TestDesigns.Request(TestDesigns.Blinky()), Options(t) with { Seed = 7 }, FlowTarget.Bitstream);

        Assert.Equal(Path.Combine(result.OutputDirectory, "test-blinky.bit"), result.BitstreamPath);
        Assert.StartsWith("FAKE BITSTREAM", File.ReadAllText(result.BitstreamPath!));
        var arguments = File.ReadAllText(Path.Combine(result.OutputDirectory, "fake-nextpnr-arguments.txt"));
        Assert.Contains("--85k --package CABGA381 --speed 6 --freq 25 --seed 7 --lpf blinky.lpf --json blinky.json", arguments);
        var clock = Assert.Single(result.Report.PlaceAndRoute!.Clocks);
        Assert.Equal(180.5, clock.AchievedMhz, 9);
        Assert.Equal(FlowVerdict.Pass, result.Report.Verdict);
        Assert.All(result.Stages, s => Assert.Equal(StageStatus.Ran, s.Status));
        var m = BuildManifest.FromJson(File.ReadAllText(result.ManifestPath));
        Assert.Contains("fake-test-1", m.Tools["nextpnr-ecp5"].Version);
        Assert.Equal("ZFPE_NEXTPNR_ECP5", m.Tools["nextpnr-ecp5"].Source);
        Assert.Equal(FlowHash.OfFile(result.BitstreamPath!), m.Outputs["test-blinky.bit"]);

        var again = runner.Run(TestDesigns.Request(TestDesigns.Blinky()), Options(t) with { Seed = 7 }, FlowTarget.Bitstream);
        Assert.Equal([StageStatus.Ran, StageStatus.Reused, StageStatus.Reused, StageStatus.Reused], again.Stages.Select(s => s.Status));

        var reseeded = runner.Run(TestDesigns.Request(TestDesigns.Blinky()), Options(t) with { Seed = 8 }, FlowTarget.Bitstream);
        Assert.Equal([StageStatus.Ran, StageStatus.Reused, StageStatus.Ran, StageStatus.Reused], reseeded.Stages.Select(s => s.Status));
    }

    [ToolFact(ToolKind.Yosys)]
    public void A_clock_that_misses_its_target_fails_the_build_report()
    {
        using var t = new TempDirectory();
        var fakes = Directory.CreateDirectory(t.Sub("fakes")).FullName;
        var tools = Tools(("ZFPE_NEXTPNR_ECP5", FakeTool.Nextpnr(fakes, 20.0)), ("ZFPE_ECPPACK", FakeTool.Ecppack(fakes)));
        var result = new FlowRunner(tools, Board).Run(TestDesigns.Request(TestDesigns.Blinky()), Options(t), FlowTarget.Bitstream);
        Assert.Equal(FlowVerdict.Fail, result.Report.Verdict);
        Assert.Contains(result.Report.Problems, p => p.Contains("$glbnet$clk_25mhz") && p.Contains("20.00 MHz"));
    }

    [ToolFact(ToolKind.Yosys)]
    public void A_failing_place_and_route_surfaces_the_tool_error_line()
    {
        using var t = new TempDirectory();
        var fakes = Directory.CreateDirectory(t.Sub("fakes")).FullName;
        var tools = Tools(("ZFPE_NEXTPNR_ECP5", FakeTool.Failing(fakes, "nextpnr-ecp5", "ERROR: Unable to place cell 'u1', no BELs remaining")));
        var e = Assert.Throws<ToolFailedException>(() =>
            new FlowRunner(tools, Board).Run(TestDesigns.Request(TestDesigns.Blinky()), Options(t), FlowTarget.Bitstream));
        Assert.Equal("nextpnr-ecp5", e.Tool);
        Assert.Equal(1, e.ExitCode);
        TextAssert.ContainsAll(e.Message,
            "ERROR: Unable to place cell 'u1', no BELs remaining",
            "logs/nextpnr.log");
    }

    [ToolFact(ToolKind.Yosys, ToolKind.NextpnrEcp5, ToolKind.Ecppack)]
    public void The_real_tools_build_a_bitstream_that_meets_a_25_MHz_clock()
    {
        using var t = new TempDirectory();
        var result = new FlowRunner(new ToolLocator(), Board).Run(TestDesigns.Request(TestDesigns.Blinky()), Options(t), FlowTarget.Bitstream);
        Assert.True(new FileInfo(result.BitstreamPath!).Length > 1000);
        Assert.NotEmpty(result.Report.PlaceAndRoute!.Clocks);
        Assert.All(result.Report.PlaceAndRoute.Clocks, c => Assert.True(c.Met, $"{c.Clock}: {c.AchievedMhz} < {c.ConstraintMhz} MHz"));
        Assert.Contains(result.Report.PlaceAndRoute.Utilisation, u => u.Resource == "DP16KD" && u.Used == 1);
        Assert.Equal(FlowVerdict.Pass, result.Report.Verdict);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(401)]
    [InlineData(double.NaN)]
    public void A_clock_target_outside_the_ecp5_range_is_rejected_naming_the_option(double mhz)
    {
        var e = Assert.Throws<ArgumentException>(() => new FlowOptions(EcpDevice.Lfe5u85, mhz, 1, "out").Validate());
        TextAssert.ContainsAll(e.Message,
            "--freq",
            "400");
    }

    [Theory]
    [InlineData(0, 10, "--timing-paths must be a number of paths in 1..100; got 0")]
    [InlineData(5, 150, "--timing-margin must be a percentage of the clock period in 0..100; got 150")]
    public void Timing_report_options_out_of_range_are_rejected_naming_the_option(int paths, double margin, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new FlowOptions(EcpDevice.Lfe5u85, 100, 1, "out") { Timing = new(paths, margin) }.Validate());
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_negative_seed_is_rejected_naming_the_option()
    {
        var e = Assert.Throws<ArgumentException>(() => new FlowOptions(EcpDevice.Lfe5u85, 100, -1, "out").Validate());
        Assert.Contains("--seed", e.Message);
    }
}
