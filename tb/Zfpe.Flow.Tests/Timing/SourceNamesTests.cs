using Zfpe.Flow.Timing;
using Zfpe.Hdl.Emit;

namespace Zfpe.Flow.Tests.Timing;

/// <summary>
/// Naming Yosys's cells and nets as the C# does, on a small design synthesised by the real Yosys:
/// flip-flops by their register and bit, carry cells by the Verilog line and C# statement that made
/// them, nets by declared names only, hierarchical names through the source map's instances.
/// </summary>
public class SourceNamesTests
{
    private static (SourceNames Names, YosysNetlist Netlist, string Rtl) Synthesise(TempDirectory t, bool withSourceMap = true)
    {
        var options = new FlowOptions(EcpDevice.Lfe5u85, 25, 1, t.Sub("build")) { CacheDirectory = t.Sub("cache") };
        var result = new FlowRunner(new ToolLocator(), BoardConstraints.Ulx3s()).Run(TimingTestDesign.Request(), options, FlowTarget.Synthesis);
        var rtl = Path.Combine(result.OutputDirectory, FlowRunner.RtlDirectory);
        var netlist = YosysNetlist.Parse(File.ReadAllText(Path.Combine(result.OutputDirectory, "timing_test_design.json")));
        var map = withSourceMap ? DesignSourceMap.FromJson(File.ReadAllText(Path.Combine(rtl, DesignSourceMap.FileName))) : null;
        return (new SourceNames(netlist, map, rtl), netlist, rtl);
    }

    [ToolFact(ToolKind.Yosys)]
    public void Every_flip_flop_is_named_by_its_register_bit_and_the_CSharp_line_that_declared_it()
    {
        using var t = new TempDirectory();
        var (names, netlist, _) = Synthesise(t);
        Assert.Equal("timing_test_design", netlist.TopModule);
        var flipFlops = netlist.Cells.Where(c => c.Type == "TRELLIS_FF").ToList();
        var named = flipFlops.Select(c => names.SignalOf(c.Connections["Q"][0])).ToList();
        Assert.All(named, n => Assert.NotNull(n));
        // Yosys may drop a constant bit or two; what is left is exactly the two registers.
        Assert.Equal(["scrambler.state", "seed"], named.Select(n => n!.FullName).Distinct().Order(StringComparer.Ordinal));
        foreach (var n in named)
        {
            Assert.Equal(SourceMapSignalKind.Register, n!.Kind);
            Assert.InRange(n.Bit!.Value, 0, 23);
            Assert.Equal(TimingTestDesign.Line(n.Name), n.CSharp);
            Assert.Equal(n.Name == "state" ? "scrambler" : "", n.Instance);
        }
        Assert.Equal(flipFlops.Count, named.Select(n => n!.ToString()).Distinct().Count()); // one bit each

        Assert.Equal(("scrambler", "state_TRELLIS_FF_Q_3"), (names.Split("scrambler.state_TRELLIS_FF_Q_3").Instance, names.Split("scrambler.state_TRELLIS_FF_Q_3").Remainder));
        Assert.Equal("scrambler", names.Split("scrambler.state_TRELLIS_FF_Q_3").Module!.Name);
        Assert.Equal(("", "seed_x"), (names.Split("seed_x").Instance, names.Split("seed_x").Remainder));
    }

    [ToolFact(ToolKind.Yosys)]
    public void Carry_cells_lead_to_their_Verilog_line_and_the_CSharp_statement_and_their_pins_to_net_bits()
    {
        using var t = new TempDirectory();
        var (names, netlist, _) = Synthesise(t);
        var carries = netlist.Cells.Where(c => c.Type == "CCU2C").ToList();
        Assert.NotEmpty(carries);
        foreach (var carry in carries)
        {
            var place = names.PlaceOf(carry);
            Assert.NotNull(place);
            Assert.Equal("scrambler", place!.Instance);
            Assert.Equal("scrambler.v", place.VerilogFile);
            Assert.Equal(TimingTestDesign.Line("state"), place.CSharp); // the statement the rounds' expression parts were hoisted from
            Assert.Contains(" + ", place.Excerpt);
            Assert.True(place.Statement is SourceMapStatement.ExpressionPart or SourceMapStatement.Register, $"{place.Statement}");
        }

        // nextpnr splits a CCU2C into two halves named $CCU2_COMB0/1; their pins are the Yosys cell's ports.
        var cell = carries[0];
        Assert.Equal((cell, "$CCU2_COMB1"), names.YosysCellOf(cell.Name + "$CCU2_COMB1"));
        Assert.Equal(cell.Connections["S1"][0], names.NetBit(new TimingPin(cell.Name + "$CCU2_COMB1", "F")));
        Assert.Equal(cell.Connections["A0"][0] is var a and >= 0 ? a : null, names.NetBit(new TimingPin(cell.Name + "$CCU2_COMB0", "A")));
        Assert.Equal(cell.Connections["CIN"][0] is var c and >= 0 ? c : null, names.NetBit(new TimingPin(cell.Name + "$CCU2_COMB0", "FCI")));
        Assert.Null(names.YosysCellOf("$nextpnr_CCU2C_29$CCU2_COMB0"));

        // The rounds' results are hoisted expression parts of `state`; the carry chains read them.
        var parts = carries.SelectMany(c => new[] { "A0", "B0", "A1", "B1" }.Select(p => c.Connections[p][0]))
            .Where(b => b >= 0).Select(names.SignalOf).OfType<SourceSignal>().Where(s => s.Kind == SourceMapSignalKind.ExpressionPart).ToList();
        Assert.NotEmpty(parts);
        Assert.All(parts, p => Assert.Equal(("scrambler", "state", TimingTestDesign.Line("state")), (p.Instance, p.PartOf, p.CSharp)));
        Assert.All(parts, p => Assert.Equal("part of state", p.KindText));
    }

    [ToolFact(ToolKind.Yosys)]
    public void Without_a_source_map_names_come_from_the_Verilog_and_carry_no_CSharp_location()
    {
        using var t = new TempDirectory();
        var (names, netlist, _) = Synthesise(t, withSourceMap: false);
        Assert.False(names.HasSourceMap);
        var state = netlist.Cells.Where(c => c.Type == "TRELLIS_FF").Select(c => names.SignalOf(c.Connections["Q"][0])!)
            .First(n => n.Name == "state");
        Assert.Equal(("scrambler", null, null), (state.Instance, state.Kind, state.CSharp));
        var place = names.PlaceOf(netlist.Cells.First(c => c.Type == "CCU2C"))!;
        Assert.Null(place.CSharp);
        Assert.Equal("scrambler.v", place.VerilogFile);
        // Names Yosys made up (autonamed nets of LUTs and carries) are never offered as signals.
        var made = netlist.NetNames.First(n => n.Name.Contains("_CCU2C_", StringComparison.Ordinal) && n.HdlName is null);
        Assert.DoesNotContain(made.Bits.Where(b => b >= 0).Select(names.SignalOf), s => s?.Name == made.Name);
    }
}
