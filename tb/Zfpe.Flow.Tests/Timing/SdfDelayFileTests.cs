using Zfpe.Flow.Timing;

namespace Zfpe.Flow.Tests.Timing;

/// <summary>Reading nextpnr's SDF: delays (the max of min:typ:max), setup checks, escaped names, errors with lines.</summary>
public class SdfDelayFileTests
{
    // The shape nextpnr-ecp5 writes, trimmed: a top cell with the interconnect, a flip-flop with
    // checks, a carry half with an escaped name.
    private const string Snippet = """
        (DELAYFILE
          (SDFVERSION "3.0")
          (DESIGN "top")
          (VENDOR "nextpnr")
          (DIVIDER /)
          (TIMESCALE 1ps)
          (CELL
            (CELLTYPE "top")
            (INSTANCE )
            (DELAY
              (ABSOLUTE
                (INTERCONNECT r_TRELLIS_FF_Q_8/Q sum_CCU2C_S0_3\$CCU2_COMB0/B (955:1146:1337) (955:1146:1337))
                (INTERCONNECT led\[1\]\$tr_io/O a\/b/C (1:2:3) (4:5:6))
              )
            )
          )
          (CELL
            (CELLTYPE "TRELLIS_FF")
            (INSTANCE r_TRELLIS_FF_Q_8)
            (DELAY
              (ABSOLUTE
                (IOPATH CLK Q (430:477:525) (430:477:525))
              )
            )
            (TIMINGCHECK
              (SETUPHOLD (posedge LSR) (posedge CLK) (271:347:424) (0:0:0))
              (SETUPHOLD (negedge LSR) (posedge CLK) (271:347:424) (0:0:0))
              (SETUPHOLD (posedge DI) (posedge CLK) (0:0:0) (267:285:303))
              (SETUPHOLD (posedge M) (negedge CLK) (100:100:100) (0:0:0))
            )
          )
          (CELL
            (CELLTYPE "TRELLIS_COMB")
            (INSTANCE sum_CCU2C_S0_3\$CCU2_COMB0)
            (DELAY
              (ABSOLUTE
                (IOPATH B FCO (175:311:447) (175:311:447))
                (IOPATH (posedge FCI) F (244:343:443) ())
              )
            )
          )
        )
        """;

    [Fact]
    public void Cells_arcs_checks_and_interconnect_are_read_as_their_maximum_in_ns()
    {
        var sdf = SdfDelayFile.Parse(Snippet);
        Assert.Equal(["", "r_TRELLIS_FF_Q_8", "sum_CCU2C_S0_3$CCU2_COMB0"], sdf.Cells.Select(c => c.Instance));
        var ff = sdf.Cells[1];
        Assert.Equal("TRELLIS_FF", ff.CellType);
        Assert.Equal(new SdfCellArc("CLK", "Q", 0.525), Assert.Single(ff.Arcs), new ArcComparer());
        // The first value of SETUPHOLD is the setup time (nextpnr's own critical path ends with it).
        Assert.Equal([("LSR", 0.424), ("LSR", 0.424), ("DI", 0.0)], ff.SetupChecks.Select(c => (c.DataPin, Math.Round(c.SetupNs, 9))));
        Assert.All(ff.SetupChecks, c => Assert.Equal("CLK", c.ClockPin));
        Assert.Equal(1, sdf.FallingEdgeChecks); // the check against the falling clock edge is left out, and counted
        Assert.True(ff.IsClockPin("CLK"));
        Assert.False(ff.IsClockPin("DI"));

        var carry = sdf.Cells[2];
        Assert.Equal([("B", "FCO", 0.447), ("FCI", "F", 0.443)], carry.Arcs.Select(a => (a.FromPin, a.ToPin, Math.Round(a.DelayNs, 9))));

        Assert.Equal(2, sdf.Interconnects.Count);
        Assert.Equal(new TimingPin("r_TRELLIS_FF_Q_8", "Q"), sdf.Interconnects[0].From);
        Assert.Equal(new TimingPin("sum_CCU2C_S0_3$CCU2_COMB0", "B"), sdf.Interconnects[0].To);
        Assert.Equal(1.337, sdf.Interconnects[0].DelayNs, 9);
        Assert.Equal(new TimingPin("led[1]$tr_io", "O"), sdf.Interconnects[1].From);
        Assert.Equal(new TimingPin("a/b", "C"), sdf.Interconnects[1].To); // an escaped divider is part of the name
        Assert.Equal(0.006, sdf.Interconnects[1].DelayNs, 9); // the larger of the rise and fall triples
    }

    [Theory]
    [InlineData("1ps", 1337, 1.337)]
    [InlineData("1 ns", 2.5, 2.5)]
    [InlineData("100ps", 25, 2.5)]
    [InlineData("10 ps", 7, 0.07)]
    public void The_timescale_converts_every_delay_to_ns(string timescale, double value, double ns)
    {
        var sdf = SdfDelayFile.Parse($"(DELAYFILE (DIVIDER /) (TIMESCALE {timescale}) (CELL (CELLTYPE \"top\") (INSTANCE ) (DELAY (ABSOLUTE (INTERCONNECT a/Q b/D ({value}))))))");
        Assert.Equal(ns, Assert.Single(sdf.Interconnects).DelayNs, 9);
    }

    public static TheoryData<string, string> BrokenFiles => new()
    {
        { "(CELL (CELLTYPE \"x\"))", "not an SDF file" },
        { "(DELAYFILE\n (CELL\n", "line 2 is never closed" },
        { "(DELAYFILE (TIMESCALE 1ps)))", "')' without a matching '('" },
        { "(DELAYFILE\n\n (TIMESCALE 1 parsec))", "SDF line 3: unknown TIMESCALE unit" },
        { "(DELAYFILE (DIVIDER /) (CELL (DELAY (ABSOLUTE\n(INTERCONNECT nodivider b/D (1))))))", "SDF line 2: 'nodivider' is not a cell pin (cell/pin)" },
        { "(DELAYFILE (CELL (DELAY (ABSOLUTE (IOPATH A F (fast))))))", "'fast' in IOPATH is not a delay" },
        { "", "the file is empty" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void A_broken_file_is_refused_saying_what_and_where(string text, string message) =>
        Assert.Contains(message, Assert.Throws<InvalidDataException>(() => SdfDelayFile.Parse(text)).Message);

    private sealed class ArcComparer : IEqualityComparer<SdfCellArc>
    {
        public bool Equals(SdfCellArc? x, SdfCellArc? y) =>
            x is not null && y is not null && x.FromPin == y.FromPin && x.ToPin == y.ToPin && Math.Abs(x.DelayNs - y.DelayNs) < 1e-9;

        public int GetHashCode(SdfCellArc obj) => HashCode.Combine(obj.FromPin, obj.ToPin);
    }
}
