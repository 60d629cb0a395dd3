using Zfpe.Flow.Timing;
using Zfpe.Hdl.Emit;

namespace Zfpe.Flow.Tests.Timing;

/// <summary>
/// The report built from a hand-made routed design (SDF, Yosys netlist, source map): which clocks
/// are reported, endpoints grouped by register, names and pins, and the text.
/// </summary>
public class TimingPathAnalysisTests
{
    // r[1:0] launch; the LUT l (output unnamed, side input en) feeds s[1:0] and q; r[1] also drives s[0]'s LSR.
    private const string Sdf = """
        (DELAYFILE (DIVIDER /) (TIMESCALE 1ns)
          (CELL (CELLTYPE "top") (INSTANCE )
            (DELAY (ABSOLUTE
              (INTERCONNECT gbuf/CLKO r_FF/CLK (0)) (INTERCONNECT gbuf/CLKO r_FF_1/CLK (0)) (INTERCONNECT gbuf/CLKO s_FF/CLK (0))
              (INTERCONNECT gbuf/CLKO s_FF_1/CLK (0)) (INTERCONNECT gbuf/CLKO q_FF/CLK (0))
              (INTERCONNECT r_FF/Q l/A (2.0)) (INTERCONNECT l/F s_FF/DI (3.0)) (INTERCONNECT l/F s_FF_1/DI (2.5))
              (INTERCONNECT l/F q_FF/DI (1.0)) (INTERCONNECT r_FF_1/Q s_FF/LSR (4.0)))))
          (CELL (CELLTYPE "TRELLIS_FF") (INSTANCE r_FF) (DELAY (ABSOLUTE (IOPATH CLK Q (0.5)))))
          (CELL (CELLTYPE "TRELLIS_FF") (INSTANCE r_FF_1) (DELAY (ABSOLUTE (IOPATH CLK Q (0.5)))))
          (CELL (CELLTYPE "TRELLIS_FF") (INSTANCE s_FF) (DELAY (ABSOLUTE (IOPATH CLK Q (0.5))))
            (TIMINGCHECK (SETUPHOLD (posedge DI) (posedge CLK) (0) (0.3)) (SETUPHOLD (posedge LSR) (posedge CLK) (0.4) (0))))
          (CELL (CELLTYPE "TRELLIS_FF") (INSTANCE s_FF_1) (DELAY (ABSOLUTE (IOPATH CLK Q (0.5))))
            (TIMINGCHECK (SETUPHOLD (posedge DI) (posedge CLK) (0) (0.3))))
          (CELL (CELLTYPE "TRELLIS_FF") (INSTANCE q_FF) (DELAY (ABSOLUTE (IOPATH CLK Q (0.5))))
            (TIMINGCHECK (SETUPHOLD (posedge DI) (posedge CLK) (0) (0.3))))
          (CELL (CELLTYPE "TRELLIS_COMB") (INSTANCE l) (DELAY (ABSOLUTE (IOPATH A F (0.3)) (IOPATH B F (0.3))))))
        """;

    private const string Netlist = """
        {"modules": {"t": {"attributes": {"top": "00000000000000000000000000000001"},
          "cells": {
            "r_FF": {"type": "TRELLIS_FF", "connections": {"CLK": [2], "DI": [50], "Q": [10]}},
            "r_FF_1": {"type": "TRELLIS_FF", "connections": {"CLK": [2], "DI": [51], "Q": [11]}},
            "s_FF": {"type": "TRELLIS_FF", "connections": {"CLK": [2], "DI": [41], "LSR": [11], "Q": [20]}},
            "s_FF_1": {"type": "TRELLIS_FF", "connections": {"CLK": [2], "DI": [41], "LSR": ["0"], "Q": [21]}},
            "q_FF": {"type": "TRELLIS_FF", "connections": {"CLK": [2], "DI": [41], "Q": [30]}},
            "l": {"type": "LUT4", "connections": {"A": [10], "B": [40], "C": ["0"], "D": ["0"], "Z": [41]}}},
          "netnames": {
            "clk": {"bits": [2], "attributes": {"src": "t.v:1.10-1.13"}},
            "r": {"bits": [10, 11], "attributes": {"src": "t.v:3.13-3.14"}},
            "s": {"bits": [20, 21], "attributes": {"src": "t.v:4.13-4.14"}},
            "q": {"bits": [30], "attributes": {"src": "t.v:5.9-5.10"}},
            "en": {"bits": [40], "attributes": {"src": "t.v:1.20-1.22"}},
            "l_Z": {"bits": [41], "attributes": {"src": "/usr/share/yosys/ecp5/cells_map.v:3.1-3.2"}}}}}}
        """;

    private static readonly DesignSourceMap Map = new("t",
    [
        new ModuleSourceMap("t", "t.v", "T", "T.cs:3",
            [
                new("clk", SourceMapSignalKind.Input, 1, "T.cs:3"),
                new("en", SourceMapSignalKind.Input, 1, "T.cs:5"),
                new("r", SourceMapSignalKind.Register, 2, "T.cs:10"),
                new("s", SourceMapSignalKind.Register, 2, "T.cs:11"),
                new("q", SourceMapSignalKind.Register, 1, "T.cs:12"),
            ],
            [], []),
    ]);

    // nextpnr's view: Fmax 1000 / 5.8 ns against a 180 MHz constraint (period 5.56 ns), its critical path into s_FF.DI.
    private static PlaceAndRouteStatistics Pnr(double constraintMhz = 180) =>
        new PlaceAndRouteStatistics([], [new ClockTiming("$glbnet$clk", 1000 / 5.8, constraintMhz)])
        {
            CriticalPaths = [new NextpnrCriticalPath("posedge $glbnet$clk", "posedge $glbnet$clk", 5.8, new("r_FF", "Q"), new("s_FF", "DI"))],
        };

    private static TimingReport Analyse(double marginPercent, double constraintMhz = 180, int paths = 5) =>
        TimingPathAnalysis.Analyse(Pnr(constraintMhz), SdfDelayFile.Parse(Sdf), new SourceNames(YosysNetlist.Parse(Netlist), Map, null), 1,
            new TimingReportOptions(paths, marginPercent));

    [Fact]
    public void The_worst_path_is_named_by_registers_and_bits_and_agrees_with_nextpnr()
    {
        var clock = Assert.Single(Analyse(10).Clocks);
        Assert.Equal("$glbnet$clk", clock.Clock);
        Assert.Equal(5.8, clock.WorstPathNs, 9);
        Assert.Equal(1000 / 180.0 - 5.8, clock.SlackNs, 9);
        Assert.True(clock.AgreesWithNextpnr);
        Assert.Equal((4, 1), (clock.Endpoints, clock.FailingEndpoints));

        var path = clock.Paths[0];
        Assert.Equal(new SourceSignal("", "r", 0, SourceMapSignalKind.Register, "T.cs:10"), path.From.Signal);
        Assert.Equal(new SourceSignal("", "s", 0, SourceMapSignalKind.Register, "T.cs:11"), path.To.Signal);
        Assert.Equal("data (DI)", path.To.PinRole);
        var step = Assert.Single(path.Via);
        Assert.Equal((null, null, "1 LUT4", 2.3), (step.Drives, step.Place, step.CellTypes, Math.Round(step.DelayNs, 9)));
        Assert.Equal(["en"], step.Reads); // the LUT's output has no declared name; its other input says what it computes
    }

    [Fact]
    public void Endpoints_within_the_margin_are_grouped_by_register_one_entry_each()
    {
        // 10 % of 5.56 ns: s[0].DI (-0.24) and s[1].DI (+0.26) are within it, s[0].LSR (+0.66) and q (+1.76) are not.
        var narrow = Assert.Single(Analyse(10).Clocks).Paths;
        var s = Assert.Single(narrow);
        Assert.Equal([1], s.OtherBits);
        Assert.Equal(1, s.OtherEndpoints);
        Assert.Equal(1000 / 180.0 - 5.3, s.OtherWorstSlackNs!.Value, 9);

        // 50 %: s[0].LSR joins s's group (same bit, another pin), q gets its own entry.
        var wide = Assert.Single(Analyse(50).Clocks).Paths;
        Assert.Equal(["s", "q"], wide.Select(p => p.To.Signal!.Name));
        Assert.Equal([1], wide[0].OtherBits);
        Assert.Equal(2, wide[0].OtherEndpoints);
        Assert.Equal(["s"], Assert.Single(Analyse(50, paths: 1).Clocks).Paths.Select(p => p.To.Signal!.Name)); // --timing-paths 1
    }

    [Fact]
    public void A_clock_with_room_to_spare_is_not_reported_and_a_nearly_failing_one_is()
    {
        Assert.Empty(Analyse(10, constraintMhz: 150).Clocks);        // 6.67 ns period, 0.87 ns slack: more than 10 %
        var near = Assert.Single(Analyse(20, constraintMhz: 150).Clocks); // but less than 20 %
        Assert.True(near.Met);
        Assert.Contains("meets its 150 MHz constraint by only 0.87 ns of its 6.67 ns period", TimingReport.Headline(near));
        Assert.True(new TimingReportOptions(5, 10).Reports(100, 95));
        Assert.False(new TimingReportOptions(5, 10).Reports(100, 120));
    }

    [Fact]
    public void The_text_shows_each_path_from_via_to_with_CSharp_locations()
    {
        var text = Analyse(50).ToText();
        TextAssert.ContainsAll(text,
            "  clock $glbnet$clk: Fmax 172.41 MHz misses its 180 MHz constraint, slack -0.24 ns (period 5.56 ns)\n",
            "  (the same 5.80 ns as nextpnr's critical path)\n",
            "  1 of 4 endpoints fail; the 2 worst registers (bits of one register grouped):\n");
        Assert.Contains("""
              1. slack -0.24 ns: 5.80 ns = 0.80 logic + 5.00 routing, 1 cell
                 from  r[0]  register  T.cs:10
                 via   logic without source names reading en  1 LUT4, 2.30 ns
                 to    s[0]  register  T.cs:11, into its data (DI) pin
                       also bit 1 of s (slack down to 0.26 ns)
            """.Replace("\r\n", "\n"), text);
        Assert.DoesNotContain("Paths into CE or LSR", text);
    }

    [Theory]
    [InlineData(new[] { 31, 30, 29, 28, 3 }, "31:28, 3")]
    [InlineData(new[] { 0, 2, 1, 5 }, "5, 2:0")]
    [InlineData(new[] { 7 }, "7")]
    public void Bits_are_written_as_descending_ranges(int[] bits, string text) => Assert.Equal(text, TimingReport.BitRanges(bits));

    [Theory]
    [InlineData("TRELLIS_FF", "LSR", "set/reset (LSR)")]
    [InlineData("TRELLIS_FF", "CE", "clock enable (CE)")]
    [InlineData("TRELLIS_FF", "M", "data (M)")]
    [InlineData("DP16KD", "ADA7", "address (ADA7)")]
    [InlineData("DP16KD", "DIB3", "write data (DIB3)")]
    [InlineData("TRELLIS_COMB", "WRE", "write enable (WRE)")]
    public void Endpoint_pins_are_named_by_what_they_do(string cellType, string pin, string role) =>
        Assert.Equal(role, TimingPathAnalysis.PinRole(cellType, pin));
}
