namespace Zfpe.Flow.Tests.Sweep;

/// <summary>The writers on a hand-made result with Fmax over seeds (which this machine's tools may not produce).</summary>
public class SweepOutputsTests
{
    private static SweepPointResult Point(int lanes, int b, long lut4, double psnr, params double[] fmax) => new(
        $"lanes={lanes}_b={b}",
        new Dictionary<string, string> { ["lanes"] = $"{lanes}", ["b"] = $"{b}" },
        new Dictionary<string, string> { ["b"] = $"{b}", ["exponent-bits"] = "8", ["lanes"] = $"{lanes}" },
        "zfpe_compressor",
        new SweepStageOutcome(StageStatus.Reused, 0.1, 12.5, null),
        new SweepSynthesis(lut4, lut4 / 2, 0, 0, 4, 17, new Dictionary<string, long> { ["LUT4"] = lut4 }),
        fmax.Select((f, i) => new SweepSeedResult(i + 1, new SweepStageOutcome(StageStatus.Ran, 30, null, null), f, "clk",
            new Dictionary<string, long> { ["TRELLIS_COMB"] = lut4 + 10 })).ToList(),
        [new SweepQuality("nn", b + 3, psnr, 0.01, 0.25)],
        lanes,
        "Yosys 0.23 (git sha1 7ce5011c24b)",
        "nextpnr-ecp5 -- Next Generation Place and Route (Version 0.7, with \"quotes\", and commas)",
        null);

    private static SweepResult Result() => new(
        SweepResult.CurrentFormat, "compressor", "85k", "LFE5U-85F-6BG381C", 100, "synth,pnr", 3,
        [new SweepAxis("lanes", ["1", "4"]), new SweepAxis("b", ["5", "28"])], ["b", "exponent-bits", "lanes"], ["nn: test data"], [],
        new BuildManifest.GitState("0123456789abcdef", false),
        [
            Point(1, 5, 1000, 40.2, 120, 110, 130),
            Point(1, 28, 1100, double.PositiveInfinity, 118, 121, 119),
            Point(4, 5, 1900, 40.2, 100, 90, 95),
            Point(4, 28, 2300, double.PositiveInfinity, 80, 85, 90),
        ],
        null,
        DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_csv_has_one_row_per_point_and_seed_with_throughput_at_that_seed_s_fmax()
    {
        using var t = new TempDirectory();
        var written = SweepOutputs.Write(Result(), t.Path, SweepPlotter.Locate(_ => null));

        var rows = SweepOutputChecks.ReadCsv(written.CsvPath);
        Assert.Equal(12, rows.Count);
        var row = rows.Single(r => r["point"] == "lanes=4_b=5" && r["seed"] == "2");
        Assert.Equal(90, SweepOutputChecks.Number(row, "fmax_mhz"));
        Assert.Equal(4 * 90e6, SweepOutputChecks.Number(row, "values_per_second"));
        Assert.Equal(4 * 90e6 * 4 / 1e6, SweepOutputChecks.Number(row, "mb_per_second"));
        Assert.Equal(4 * 90e6 / 1900, SweepOutputChecks.Number(row, "values_per_second_per_lut4"), 6);
        Assert.Equal(1910, SweepOutputChecks.Number(row, "pnr_trellis_comb"));
        Assert.Equal(12.5, SweepOutputChecks.Number(row, "synth_saved_seconds"));
        Assert.Equal(double.PositiveInfinity, SweepOutputChecks.Number(rows.First(r => r["b"] == "28"), "nn_psnr_db"));
        Assert.Contains("\"quotes\", and commas", row["nextpnr_version"]); // survives the CSV quoting
    }

    [Fact]
    public void The_report_gives_fmax_as_min_median_max_over_seeds_and_the_front_in_throughput_per_second()
    {
        using var t = new TempDirectory();
        var written = SweepOutputs.Write(Result(), t.Path, SweepPlotter.Locate(_ => null));

        var report = File.ReadAllText(written.ReportPath);
        TextAssert.ContainsAll(report,
            "| 1 | 5 | 1000 | 500 | 0 | 0 | 17 | 110.0 / 120.0 / 130.0 | 1 | 120.0 | 480.0 | 120.0 |",
            "∞ (exact)");
        Assert.Equal(["quality", "area", "throughput"], written.Front.Objectives.Select(o => o.Name));
        Assert.Equal("Mvalues/s (median Fmax)", written.Front.Objectives[2].Unit);
        // lanes=4 b=28 (340 Mvalues/s) does not beat lanes=4 b=5 (380) on throughput, nor on area: both stay.
        Assert.Equal(4, written.Front.Front.Count);
        TextAssert.ContainsAll(report,
            "placement seeds 1..3",
            "at commit `0123456789ab`");
    }

    [Fact]
    public void With_fmax_the_fmax_plot_is_drawn_with_min_max_bars()
    {
        using var t = new TempDirectory();
        var plotter = SweepPlotter.Locate();
        if (plotter.GnuplotPath is null)
            Assert.Fail($"gnuplot is missing ({plotter.Problem}): {SweepPlotter.HowToGet} (CI installs it)");

        var written = SweepOutputs.Write(Result(), t.Path, plotter);

        Assert.Empty(written.Notes);
        Assert.Equal(["area", "logic-depth", "fmax", "quality", "pareto"], written.Plots.Select(p => p.Name));
        SweepOutputChecks.AssertSvg(Path.Combine(t.Path, "plots", "fmax.svg"));
        SweepOutputChecks.AssertPng(Path.Combine(t.Path, "plots", "fmax.png"));
        Assert.Contains("yerrorlines", File.ReadAllText(Path.Combine(t.Path, "plots", "fmax.gp")));
        // Per series (b): lanes, median, min, max.
        Assert.StartsWith("# b=5\n1\t120\t110\t130\n4\t95\t90\t100\n", File.ReadAllText(Path.Combine(t.Path, "plots", "fmax.dat")));
    }

    [Fact]
    public void Sweep_json_round_trips_including_infinite_psnr()
    {
        var result = Result();

        var back = SweepResult.FromJson(result.ToJson(), "test");

        Assert.Equal(result.ToJson(), back.ToJson());
        Assert.Equal(double.PositiveInfinity, back.Points[1].PrimaryQuality!.PsnrDb);
        Assert.Equal([110.0, 120.0, 130.0], back.Points[0].FmaxValues);
    }

    [Fact]
    public void A_file_that_is_not_a_sweep_result_is_refused_with_its_name()
    {
        var e = Assert.Throws<InvalidDataException>(() => SweepResult.FromJson("{\"formatVersion\": 1}", "x/sweep.json"));
        Assert.Contains("x/sweep.json is not a sweep result", e.Message);
        Assert.Contains("is not a sweep result", Assert.Throws<InvalidDataException>(() => SweepResult.FromJson("[1,2", "y")).Message);
    }
}
