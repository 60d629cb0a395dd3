using Zfpe.Flow.Timing;

namespace Zfpe.Flow.Tests.Timing;

/// <summary>The static timing analysis on small hand-written SDF graphs with known answers.</summary>
public class StaticTimingAnalysisTests
{
    // Domain A (buffer gA): r1 and r2 launch into the LUTs l1 → l2 → r3.DI, and r1 straight into r3.LSR.
    // Domain B (buffer gB): s1 launches into l1 too, slower, but r3 is clocked by A.
    // l3 feeds itself (a loop); u1's clock pin has no driver in the SDF (an out-of-context clock port).
    private const string Graph = """
        (DELAYFILE (DIVIDER /) (TIMESCALE 1ns)
          (CELL (CELLTYPE "top") (INSTANCE )
            (DELAY (ABSOLUTE
              (INTERCONNECT gA/CLKO r1/CLK (0)) (INTERCONNECT gA/CLKO r2/CLK (0)) (INTERCONNECT gA/CLKO r3/CLK (0))
              (INTERCONNECT gB/CLKO s1/CLK (0))
              (INTERCONNECT r1/Q l1/A (1.0)) (INTERCONNECT r2/Q l1/B (0.5)) (INTERCONNECT s1/Q l1/B (3.0))
              (INTERCONNECT l1/F l2/A (0.7)) (INTERCONNECT l2/F r3/DI (0.6)) (INTERCONNECT r1/Q r3/LSR (2.0))
              (INTERCONNECT l3/F l3/A (0.1)) (INTERCONNECT u1/Q u1/DI (0.3)))))
          (CELL (CELLTYPE "TRELLIS_FF") (INSTANCE r1) (DELAY (ABSOLUTE (IOPATH CLK Q (0.5)))) (TIMINGCHECK (SETUPHOLD (posedge DI) (posedge CLK) (0.1) (0))))
          (CELL (CELLTYPE "TRELLIS_FF") (INSTANCE r2) (DELAY (ABSOLUTE (IOPATH CLK Q (0.4)))))
          (CELL (CELLTYPE "TRELLIS_FF") (INSTANCE s1) (DELAY (ABSOLUTE (IOPATH CLK Q (0.5)))))
          (CELL (CELLTYPE "TRELLIS_FF") (INSTANCE r3) (DELAY (ABSOLUTE (IOPATH CLK Q (0.5))))
            (TIMINGCHECK (SETUPHOLD (posedge DI) (posedge CLK) (0.1) (0.3)) (SETUPHOLD (negedge DI) (posedge CLK) (0.1) (0.3))
                         (SETUPHOLD (posedge LSR) (posedge CLK) (0.4) (0))))
          (CELL (CELLTYPE "TRELLIS_COMB") (INSTANCE l1) (DELAY (ABSOLUTE (IOPATH A F (0.2)) (IOPATH B F (0.3)))))
          (CELL (CELLTYPE "TRELLIS_COMB") (INSTANCE l2) (DELAY (ABSOLUTE (IOPATH A F (0.25)))))
          (CELL (CELLTYPE "TRELLIS_COMB") (INSTANCE l3) (DELAY (ABSOLUTE (IOPATH A F (0.2)))))
          (CELL (CELLTYPE "TRELLIS_FF") (INSTANCE u1) (DELAY (ABSOLUTE (IOPATH CLK Q (0.5))))
            (TIMINGCHECK (SETUPHOLD (posedge DI) (posedge CLK) (0.2) (0)))))
        """;

    private static StaticTimingAnalysis Analysis() =>
        new(SdfDelayFile.Parse(Graph), pin => pin.Cell == "u1" ? "clk_port" : null);

    [Fact]
    public void Domains_are_named_by_the_clock_driver_or_for_undriven_clocks_by_the_caller()
    {
        var sta = Analysis();
        Assert.Equal(["clk_port", "gA/CLKO", "gB/CLKO"], sta.Domains);
        Assert.Equal("gA/CLKO", sta.DomainOf(new TimingPin("r3", "CLK")));
        Assert.Equal(StaticTimingAnalysis.NoClockDriver, new StaticTimingAnalysis(SdfDelayFile.Parse(Graph)).DomainOf(new TimingPin("u1", "CLK")));
        Assert.Equal(2, sta.PinsOnLoops); // l3/A and l3/F
    }

    [Fact]
    public void Each_endpoint_gets_the_latest_arrival_from_its_own_domain_plus_its_setup()
    {
        var sta = Analysis();
        var a = sta.Endpoints("gA/CLKO");
        // r3.DI: r1 0.5 + 1.0 + l1 A→F 0.2 (1.7 beats r2's 0.4 + 0.5 + 0.3 = 1.2) + 0.7 + 0.25 + 0.6 = 3.25, + setup 0.1.
        // r3.LSR: 0.5 + 2.0 = 2.5, + setup 0.4. s1 (domain B) would reach r3.DI at 3.8 + ..., but r3 is not B's.
        Assert.Equal([("r3", "DI", 3.35), ("r3", "LSR", 2.9)], a.Select(e => (e.Pin.Cell, e.Pin.Pin, Math.Round(e.PathNs, 9))));
        Assert.Equal(0.1, a[0].SetupNs, 9);
        Assert.Equal(new TimingPin("r3", "CLK"), a[0].ClockPin);
        Assert.Empty(sta.Endpoints("gB/CLKO"));
        var u = Assert.Single(sta.Endpoints("clk_port"));
        Assert.Equal(0.5 + 0.3 + 0.2, u.PathNs, 9);
    }

    [Fact]
    public void The_trace_follows_the_latest_arrivals_back_to_the_launching_register()
    {
        var sta = Analysis();
        var path = sta.Trace(sta.Endpoints("gA/CLKO")[0]);
        Assert.Equal(
            [
                ("r1/CLK", "r1/Q", 0.5, TimingArcKind.ClockToOutput),
                ("r1/Q", "l1/A", 1.0, TimingArcKind.Net),
                ("l1/A", "l1/F", 0.2, TimingArcKind.Cell),
                ("l1/F", "l2/A", 0.7, TimingArcKind.Net),
                ("l2/A", "l2/F", 0.25, TimingArcKind.Cell),
                ("l2/F", "r3/DI", 0.6, TimingArcKind.Net),
                ("r3/DI", "r3/CLK", 0.1, TimingArcKind.Setup),
            ],
            path.Arcs.Select(x => (x.From.ToString(), x.To.ToString(), Math.Round(x.DelayNs, 9), x.Kind)));
        Assert.Equal(3.35, path.DelayNs, 9);
        Assert.Equal(0.5 + 0.2 + 0.25 + 0.1, path.LogicNs, 9); // clock-to-output and setup count as logic, as in nextpnr
        Assert.Equal(1.0 + 0.7 + 0.6, path.RoutingNs, 9);
        Assert.Equal(new TimingPin("r1", "Q"), path.Start);
        Assert.Equal(["l1", "l2"], path.Cells);
    }
}
