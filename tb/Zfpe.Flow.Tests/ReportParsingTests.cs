namespace Zfpe.Flow.Tests;

public class ReportParsingTests
{
    private const string YosysStat = """
        {
           "creator": "Yosys 0.23 (git sha1 7ce5011c24b)",
           "invocation": "stat -json -top top ",
           "modules": {
              "\\top": { "num_cells": 131, "num_cells_by_type": { "CCU2C": 16, "DP16KD": 1, "LUT4": 42, "MULT18X18D": 1, "PFUMX": 1, "TRELLIS_FF": 70 } }
           },
              "design": { "num_cells": 131, "num_cells_by_type": { "CCU2C": 16, "DP16KD": 1, "LUT4": 42, "MULT18X18D": 1, "PFUMX": 1, "TRELLIS_FF": 70 } }
        }
        """;

    private const string Ltp = """

        4. Executing LTP pass (find longest path).

        Longest topological path in top (length=3):
            0: \a [0]
            1: \b (via u1)
            2: \c (via u2)
            3: \count_next [23] (via u3)
        Longest topological path in other (length=2):
            0: \x
        """;

    [Fact]
    public void Yosys_stat_json_gives_the_cell_counts_with_carry_cells_counted_as_two_luts()
    {
        var s = SynthesisStatistics.Parse(YosysStat, null);
        Assert.Equal(42 + 2 * 16, s.Lut4);
        Assert.Equal(70, s.FlipFlops);
        Assert.Equal(1, s.BlockRams);
        Assert.Equal(1, s.Multipliers);
        Assert.Equal(0, s.Plls);
        Assert.Equal(131, s.TotalCells);
        Assert.Null(s.LogicDepth);
    }

    [Fact]
    public void The_logic_depth_is_the_longest_path_of_any_module_with_its_end()
    {
        var (depth, end) = SynthesisStatistics.ParseLogicDepth(Ltp);
        Assert.Equal(3, depth);
        Assert.Equal(@"\count_next [23] (via u3)", end);
    }

    [Fact]
    public void Resources_are_compared_with_the_device_capacity()
    {
        var s = SynthesisStatistics.Parse(YosysStat, Ltp);
        var lut = s.Resources(EcpDevice.Lfe5u25).Single(r => r.Resource == "LUT4");
        Assert.Equal(74, lut.Used);
        Assert.Equal(24_288, lut.Available);
        Assert.Equal(100.0 * 74 / 24_288, lut.Percent, 9);
    }

    [Fact]
    public void Stat_output_that_is_not_json_is_an_error_saying_so()
    {
        var e = Assert.Throws<InvalidDataException>(() => SynthesisStatistics.Parse("3. Printing statistics.", null));
        Assert.Contains("stat -json", e.Message);
    }

    private const string NextpnrReport = """
        {"utilization":{"DP16KD":{"available":208,"used":3},"TRELLIS_COMB":{"available":83640,"used":1234},"MULT18X18D":{"available":156,"used":0}},
         "fmax":{"$glbnet$clk":{"achieved":123.45,"constraint":100.0},"$glbnet$slow":{"achieved":20.5,"constraint":25.0}},
         "critical_paths":[]}
        """;

    [Fact]
    public void The_nextpnr_report_gives_utilisation_and_fmax_per_clock()
    {
        var p = PlaceAndRouteStatistics.Parse(NextpnrReport);
        Assert.Equal(3, p.Utilisation.Single(u => u.Resource == "DP16KD").Used);
        Assert.Equal(83_640, p.Utilisation.Single(u => u.Resource == "TRELLIS_COMB").Available);
        var clk = p.Clocks.Single(c => c.Clock == "$glbnet$clk");
        Assert.Equal(123.45, clk.AchievedMhz, 9);
        Assert.True(clk.Met);
        Assert.False(p.Clocks.Single(c => c.Clock == "$glbnet$slow").Met);
    }

    [Fact]
    public void A_report_without_the_expected_sections_is_an_error_saying_which()
    {
        var e = Assert.Throws<InvalidDataException>(() => PlaceAndRouteStatistics.Parse("{\"critical_paths\": []}"));
        Assert.Contains("utilization", e.Message);
    }

    /// <summary>A complete run on the 85k with 10 of 100 LUTs used and one clock.</summary>
    private static FlowReport ReportOfOneClock(string clock, double achievedMhz, double constraintMhz) =>
        Report(EcpDevice.Lfe5u85, new PlaceAndRouteStatistics([new("TRELLIS_COMB", 10, 100)], [new(clock, achievedMhz, constraintMhz)]), AllRan);

    private static FlowReport Report(EcpDevice device, PlaceAndRouteStatistics? pnr, params StageRecord[] stages) =>
        new("d", "top", device, 100, 1, FlowTarget.Bitstream, SynthesisStatistics.Parse(YosysStat, Ltp), pnr, [], stages);

    private static readonly StageRecord[] AllRan =
    [
        new("constraints", "-", StageStatus.Ran, null, 0, null),
        new("synth", "yosys", StageStatus.Ran, "k", 1, null),
        new("pnr", "nextpnr-ecp5", StageStatus.Ran, "k", 1, null),
        new("pack", "ecppack", StageStatus.Ran, "k", 1, null),
    ];

    [Fact]
    public void A_clock_below_its_constraint_fails_the_report_and_is_named()
    {
        var r = Report(EcpDevice.Lfe5u85, PlaceAndRouteStatistics.Parse(NextpnrReport), AllRan);
        Assert.Equal(FlowVerdict.Fail, r.Verdict);
        Assert.Contains(r.Problems, p => p.Contains("$glbnet$slow") && p.Contains("20.50"));
        Assert.Contains("FAILED", r.ToText());
    }

    [Fact]
    public void A_complete_run_that_fits_and_meets_timing_passes()
    {
        var r = ReportOfOneClock("clk", achievedMhz: 150, constraintMhz: 100);
        Assert.Equal(FlowVerdict.Pass, r.Verdict);
        Assert.Empty(r.Problems);
        Assert.Contains("\"verdict\": \"pass\"", r.ToJson());
    }

    [Fact]
    public void A_target_that_no_clock_is_constrained_at_is_noted_without_failing()
    {
        var r = ReportOfOneClock("$glbnet$clk_25mhz", achievedMhz: 150, constraintMhz: 25);
        Assert.Equal(FlowVerdict.Pass, r.Verdict);
        var note = Assert.Single(r.Notes);
        TextAssert.ContainsAll(note,
            "100 MHz target",
            "$glbnet$clk_25mhz 25 MHz");
        Assert.Empty(Report(EcpDevice.Lfe5u85, new PlaceAndRouteStatistics([], [new("clk", 150, 100)]), AllRan).Notes);
    }

    [Fact]
    public void A_build_that_stopped_before_place_and_route_is_incomplete()
    {
        var r = Report(EcpDevice.Lfe5u85, null,
            new("constraints", "-", StageStatus.Ran, null, 0, null),
            new("synth", "yosys", StageStatus.Ran, "k", 1, null),
            new("pnr", "nextpnr-ecp5", StageStatus.MissingTool, null, 0, "it is not on PATH"),
            new("pack", "ecppack", StageStatus.NotRun, null, 0, null));
        Assert.Equal(FlowVerdict.Incomplete, r.Verdict);
        Assert.Contains(r.Problems, p => p.Contains("pnr") && p.Contains("tool missing"));
    }

    [Fact]
    public void A_design_larger_than_the_device_fails_naming_the_resource()
    {
        var pnr = new PlaceAndRouteStatistics([new("DP16KD", 60, 56)], [new("clk", 150, 100)]);
        var r = Report(EcpDevice.Lfe5u25, pnr, AllRan);
        Assert.Equal(FlowVerdict.Fail, r.Verdict);
        Assert.Contains(r.Problems, p => p.StartsWith("DP16KD: 60 used") && p.Contains("LFE5U-25F"));
    }
}
