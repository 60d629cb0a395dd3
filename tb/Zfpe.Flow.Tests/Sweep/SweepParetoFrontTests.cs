namespace Zfpe.Flow.Tests.Sweep;

public class SweepParetoFrontTests
{
    private static SweepPointResult Point(string id, long lut4, double? psnr, int? lanes, params double[] fmax) => new(
        id,
        new Dictionary<string, string> { ["id"] = id },
        new Dictionary<string, string> { ["id"] = id },
        "top",
        new SweepStageOutcome(StageStatus.Ran, 1, null, null),
        new SweepSynthesis(lut4, 10, 0, 0, 0, 3, new Dictionary<string, long> { ["LUT4"] = lut4 }),
        fmax.Select((f, i) => new SweepSeedResult(i + 1, new SweepStageOutcome(StageStatus.Ran, 1, null, null), f, "clk", new Dictionary<string, long>())).ToList(),
        psnr is { } q ? [new SweepQuality("nn", 8, q, 0.01, 0.1)] : [],
        lanes,
        "Yosys test",
        null,
        null);

    private static SweepResult Result(params SweepPointResult[] points) => new(
        SweepResult.CurrentFormat, "test", "85k", "LFE5U-85F-6BG381C", 100, "synth,pnr", 3,
        [new SweepAxis("id", points.Select(p => p.Id).ToList())], ["id"], [], [], null, points, null, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_point_beaten_on_every_objective_is_off_the_front_and_the_trade_offs_are_on_it()
    {
        var small = Point("small", 100, 30, 1, 100);
        var wide = Point("wide", 400, 30, 4, 90);        // more throughput for more area: a trade-off
        var precise = Point("precise", 150, 45, 1, 100); // more quality for more area: a trade-off
        var worse = Point("worse", 200, 29, 1, 95);      // beaten by small on all three
        var front = SweepParetoFront.Of(Result(small, wide, precise, worse));

        Assert.Equal(["quality", "area", "throughput"], front.Objectives.Select(o => o.Name));
        Assert.Equal("Mvalues/s (median Fmax)", front.Objectives[2].Unit);
        Assert.Equal(["small", "wide", "precise"], front.Front.Select(p => p.Id));
        Assert.True(SweepParetoFront.Dominates(small, worse, front.Objectives));
        Assert.False(SweepParetoFront.Dominates(small, wide, front.Objectives));
        Assert.Null(front.Note);
    }

    [Fact]
    public void Equal_points_do_not_beat_each_other()
    {
        var a = Point("a", 100, 30, 1, 100);
        var b = Point("b", 100, 30, 1, 100);

        Assert.Equal(["a", "b"], SweepParetoFront.Of(Result(a, b)).Front.Select(p => p.Id));
    }

    [Fact]
    public void Throughput_uses_the_median_Fmax_over_seeds()
    {
        var p = Point("p", 100, 30, 4, 120, 80, 100);

        Assert.Equal(80, p.FmaxMin);
        Assert.Equal(100, p.FmaxMedian);
        Assert.Equal(120, p.FmaxMax);
        Assert.Equal(4 * 100e6, p.ValuesPerSecond);
        Assert.Equal(4 * 100e6 * 4 / 1e6, p.MegabytesPerSecond);
        Assert.Equal(4 * 100e6 / 100, p.ValuesPerSecondPerLut);
        Assert.Equal(95, Point("even", 1, null, 1, 90, 100).FmaxMedian);
    }

    [Fact]
    public void Without_Fmax_throughput_is_counted_per_clock_cycle_and_the_front_says_so()
    {
        var narrow = Point("narrow", 100, 30, 1);
        var wide = Point("wide", 300, 30, 4);
        var front = SweepParetoFront.Of(Result(narrow, wide));

        Assert.Equal("values/cycle (Fmax unknown)", front.Objectives.Single(o => o.Name == "throughput").Unit);
        Assert.Contains("values per clock cycle", front.Note);
        Assert.Equal(2, front.Front.Count);
    }

    [Fact]
    public void A_design_with_only_an_area_has_no_front_and_a_note_saying_why()
    {
        var front = SweepParetoFront.Of(Result(Point("a", 100, null, null), Point("b", 50, null, null)));

        Assert.Empty(front.Objectives);
        Assert.Empty(front.Front);
        Assert.Contains("no trade-off", front.Note);
    }

    [Fact]
    public void A_design_without_throughput_but_with_Fmax_trades_area_against_Fmax()
    {
        var slow = Point("slow", 50, null, null, 80);
        var fast = Point("fast", 90, null, null, 150);
        var bad = Point("bad", 100, null, null, 140);
        var front = SweepParetoFront.Of(Result(slow, fast, bad));

        Assert.Equal(["area", "speed"], front.Objectives.Select(o => o.Name));
        Assert.Equal(["slow", "fast"], front.Front.Select(p => p.Id));
    }

    [Fact]
    public void Failed_points_are_not_candidates()
    {
        var ok = Point("ok", 100, 30, 1, 100);
        var failed = Point("failed", 10, 60, 8, 300) with { Error = "yosys failed" };

        var front = SweepParetoFront.Of(Result(ok, failed));

        Assert.Equal(["ok"], front.Front.Select(p => p.Id));
        Assert.DoesNotContain(failed, front.Candidates);
    }
}
