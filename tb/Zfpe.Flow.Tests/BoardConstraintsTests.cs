using Zfpe.Hdl.Emit;

namespace Zfpe.Flow.Tests;

public class BoardConstraintsTests
{
    private static readonly BoardConstraints Board = BoardConstraints.Ulx3s();

    [Fact]
    public void The_ulx3s_constraints_place_every_signal_of_the_pin_table()
    {
        var bits = Board.ConstrainedPortBits;
        Assert.Equal(58, bits.Count);
        foreach (var name in new[] { "clk_25mhz", "led[7]", "btn[6]", "ftdi_rxd", "ftdi_txd", "wifi_gpio0", "sdram_clk", "sdram_a[12]", "sdram_ba[1]", "sdram_dqm[1]", "sdram_d[15]" })
            Assert.Contains(name, bits);
        Assert.Contains("BLOCK RESETPATHS;", Board.GlobalStatements);
    }

    [Fact]
    public void A_design_using_board_signals_is_fully_constrained()
    {
        Assert.Empty(Board.MissingPorts(TestDesigns.Blinky()));
    }

    [Fact]
    public void Missing_ports_are_named_bit_by_bit_and_whole_vectors_are_folded()
    {
        var missing = Board.MissingPorts(TestDesigns.WithUnconstrainedPorts());
        Assert.Equal(["led[8]", "debug[0..3]"], missing);
    }

    [Fact]
    public void The_check_names_the_missing_ports_and_the_board_signals()
    {
        var e = Assert.Throws<UnconstrainedPortsException>(() => Board.Check(TestDesigns.WithUnconstrainedPorts()));
        TextAssert.ContainsAll(e.Message,
            "led[8]",
            "debug[0..3]",
            "ulx3s_v20.lpf");
        Assert.Contains("led[0..7]", e.Message); // what the board offers instead
    }

    [Fact]
    public void The_design_lpf_has_only_the_ports_the_design_uses()
    {
        var lpf = Board.RenderFor(TestDesigns.Blinky());
        Assert.All(new[] { "LOCATE COMP \"led[0]\" SITE \"B2\";", "LOCATE COMP \"btn[0]\" SITE \"D6\";", "FREQUENCY PORT \"clk_25mhz\" 25 MHZ;", "SYSCONFIG" },
            line => Assert.Contains(line, lpf));
        Assert.All(new[] { "sdram", "ftdi" }, absent => Assert.DoesNotContain(absent, lpf));
        // Parsing the rendered file again gives exactly the design's port bits.
        var again = BoardConstraints.Parse("design.lpf", lpf);
        Assert.Equal(BoardConstraints.PortBits(TestDesigns.Blinky()).Order(), again.ConstrainedPortBits.Order());
    }

    [Fact]
    public void Statements_may_span_lines_and_comments_are_ignored()
    {
        var b = BoardConstraints.Parse("x.lpf", """
            # a comment with LOCATE COMP "fake" SITE "A1";
            LOCATE COMP "a"
                SITE "A2"; // trailing comment
            IOBUF PORT "a" IO_TYPE=LVCMOS33; LOCATE COMP "b[0]" SITE "B1";
            """);
        Assert.Equal(["a", "b[0]"], b.ConstrainedPortBits);
        var design = new EmittedDesign("t", [], [new PortInfo("a", 1, PortDirection.Input, false), new PortInfo("b", 2, PortDirection.Output, false)]);
        Assert.Equal(["b[1]"], b.MissingPorts(design));
    }

    [Fact]
    public void An_iobuf_without_a_site_does_not_count_as_constrained()
    {
        var b = BoardConstraints.Parse("x.lpf", "IOBUF PORT \"a\" IO_TYPE=LVCMOS33;");
        var design = new EmittedDesign("t", [], [new PortInfo("a", 1, PortDirection.Input, false)]);
        Assert.Equal(["a"], b.MissingPorts(design));
    }

    [Fact]
    public void A_statement_without_its_semicolon_is_an_error_quoting_it()
    {
        var e = Assert.Throws<InvalidDataException>(() => BoardConstraints.Parse("x.lpf", "LOCATE COMP \"a\" SITE \"A1\""));
        TextAssert.ContainsAll(e.Message,
            "LOCATE COMP \"a\" SITE \"A1\"",
            "';'");
    }
}
