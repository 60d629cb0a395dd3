using Zfpe.Hdl.Lib.Sdram;

namespace Zfpe.Hdl.Lib.Tests.Sdram;

public sealed class SdramPartTests
{
    // Expected cycles computed by hand: ceil(ns * MHz / 1000), at least the clocks the datasheet gives, at least 1;
    // tRAS max and tREFI (7812.5 ns) rounded down.
    //                  part                 MHz    CL tRCD tRP tRC tRASmin tRASmax tWR tRFC tRRD tMRD tREFI
    [Theory]
    [InlineData("IS42S16160G-7",     100.0, 2, 2, 2, 6, 5, 10_000, 2, 6, 2, 2, 781)]   // 15/15/60/42 ns; tWR max(14 ns, 2 ck); tMRD max(14 ns, 2 ck)
    [InlineData("IS42S16160G-7",     133.0, 3, 2, 2, 8, 6, 13_300, 2, 8, 2, 2, 1039)]  // 15*.133=1.995, 60*.133=7.98, 42*.133=5.586
    [InlineData("MT48LC16M16A2-6A",  100.0, 2, 2, 2, 6, 5, 12_000, 2, 6, 2, 2, 781)]   // 18/18/60/42, tWR 12, tRRD 12, tMRD 2 ck
    [InlineData("MT48LC16M16A2-6A",  143.0, 3, 3, 3, 9, 7, 17_160, 2, 9, 2, 2, 1117)]  // 18*.143=2.574, 60*.143=8.58, 42*.143=6.006
    [InlineData("M12L2561616A-6",    100.0, 2, 2, 2, 6, 5, 10_000, 2, 6, 2, 2, 781)]   // tWR 2 ck
    [InlineData("M12L2561616A-6",    143.0, 3, 3, 3, 9, 7, 14_300, 2, 9, 2, 2, 1117)]
    [InlineData("AS4C32M16SB-7",     100.0, 2, 3, 3, 7, 5, 12_000, 2, 7, 2, 2, 781)]   // 21/21/63/42/14/63/14, tMRD 14 ns
    [InlineData("AS4C32M16SB-7",     133.0, 3, 3, 3, 9, 6, 15_960, 2, 9, 2, 2, 1039)]  // 21*.133=2.793, 63*.133=8.379
    public void Timings_in_cycles_match_hand_computed_values(string name, double mhz, int cl, int trcd, int trp, int trc,
        int trasMin, long trasMax, int twr, int trfc, int trrd, int tmrd, long trefi)
    {
        var t = SdramParts.ByName(name).At(mhz);
        Assert.Equal(
            (cl, trcd, trp, trc, trasMin, trasMax, twr, trfc, trrd, tmrd, trefi),
            (t.CasLatency, t.Trcd, t.Trp, t.Trc, t.TrasMin, t.TrasMax, t.Twr, t.Trfc, t.Trrd, t.Tmrd, t.RefreshIntervalCycles));
    }

    [Fact]
    public void Power_up_wait_is_the_datasheet_time_in_cycles()
    {
        Assert.Equal(20_000, SdramParts.Is42s16160g7.At(100).PowerUpCycles);       // 200 us
        Assert.Equal(14_300, SdramParts.Mt48lc16m16a2_6a.At(143).PowerUpCycles);   // 100 us
    }

    [Fact]
    public void Cycles_never_drop_below_one_and_clock_counts_are_kept_at_slow_clocks()
    {
        var t = SdramParts.Mt48lc16m16a2_6a.At(25);     // 40 ns per cycle: 18 ns -> 1, tMRD stays 2 clocks
        Assert.Equal((1, 1, 2, 2), (t.Trcd, t.Trrd, t.Tmrd, t.Trc));
        Assert.Equal(2, SdramParts.M12l2561616a6.At(25).Twr);   // tRDL 2 clocks whatever the clock
    }

    [Fact]
    public void Delays_combine_ns_and_clocks_by_taking_the_longer()
    {
        Assert.Equal(2, new SdramDelay(14, 2).ToCycles(100));     // 1.4 -> 2, 2 clocks
        Assert.Equal(3, new SdramDelay(14, 2).ToCycles(200));     // 2.8 -> 3
        Assert.Equal(3, SdramDelay.Ns(15).ToCycles(200));         // exactly 3, not 4 through binary rounding
        Assert.Equal(1, SdramDelay.Ns(0.5).ToCycles(100));
    }

    [Fact]
    public void The_smallest_CAS_latency_the_clock_allows_is_chosen()
    {
        Assert.Equal(2, SdramParts.Is42s16160g7.CasLatencyAt(100));
        Assert.Equal(3, SdramParts.Is42s16160g7.CasLatencyAt(100.5));
        Assert.Equal(3, SdramParts.Is42s16160g7.CasLatencyAt(1000.0 / 7));   // exactly tCK 7 ns
        Assert.Equal(3, SdramParts.Mt48lc16m16a2_6a.CasLatencyAt(166));
    }

    [Fact]
    public void A_clock_no_CAS_latency_allows_is_rejected_with_the_part_clock_and_range()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SdramParts.Is42s16160g7.At(143));
        Assert.Equal("clockMhz", e.ParamName);
        Assert.Contains("IS42S16160G-7 cannot run at 143 MHz", e.Message);
        Assert.Contains("allowed 0 < clock <= 142.857 MHz", e.Message);
        Assert.Contains("CL2 up to 100 MHz, CL3 up to 142.857 MHz", e.Message);

        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => SdramParts.As4c32m16sb7.At(0));
        Assert.Contains("SDRAM clock = 0 MHz", zero.Message);
        Assert.Contains("AS4C32M16SB-7", zero.Message);
    }

    [Fact]
    public void Lookup_by_name_ignores_case_and_an_unknown_name_lists_the_known_ones()
    {
        Assert.Same(SdramParts.As4c32m16sb7, SdramParts.ByName("as4c32m16sb-7"));
        Assert.Same(SdramParts.Is42s16160g7, SdramParts.Default);
        var e = Assert.Throws<ArgumentException>(() => SdramParts.ByName("IS42S16160G-6"));
        Assert.Equal("name", e.ParamName);
        Assert.Contains("unknown SDRAM part 'IS42S16160G-6': known parts are IS42S16160G-7, MT48LC16M16A2-6A, M12L2561616A-6, AS4C32M16SB-7", e.Message);
    }

    [Fact]
    public void Geometry_gives_32_MB_parts_and_one_64_MB_part_all_with_8192_refreshes_per_64_ms()
    {
        Assert.All(SdramParts.All, p => Assert.Equal((8192, 4, 16, 8192, 64.0), (p.Rows, p.Banks, p.DataWidth, p.RefreshCount, p.RefreshPeriodMs)));
        Assert.Equal(new long[] { 32 << 20, 32 << 20, 32 << 20, 64 << 20 }, SdramParts.All.Select(p => p.Bytes));
        Assert.All(SdramParts.All, p => Assert.False(string.IsNullOrWhiteSpace(p.Source)));
    }
}
