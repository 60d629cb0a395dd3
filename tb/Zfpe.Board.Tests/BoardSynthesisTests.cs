using Zfpe.Tools;
using System.Text.Json;
using Zfpe.Cores.Designs;
using Zfpe.Flow;

namespace Zfpe.Board.Tests;

/// <summary>The ulx3s-codec design through the flow as far as this machine goes: pins and synthesis.</summary>
public class BoardSynthesisTests
{
    [Fact]
    public void Every_top_port_of_the_board_design_has_a_pin_in_the_ULX3S_constraints()
    {
        var design = DesignCatalog.Get("ulx3s-codec").Emit(new Dictionary<string, string>());
        Assert.Equal(["clk_25mhz", "btn", "led", "ftdi_rxd", "ftdi_txd", "wifi_gpio0"], design.TopPorts.Select(p => p.Name));
        Assert.Equal(1 + 7 + 8 + 1 + 1 + 1, BoardConstraints.PortBits(design).Count);
        Assert.Empty(BoardConstraints.Ulx3s().MissingPorts(design));
    }

    [Fact]
    public void With_the_PLL_model_the_board_design_passes_verilator_lint_with_all_warnings()
    {
        var design = DesignCatalog.Get("ulx3s-codec").Emit(new Dictionary<string, string>());
        Assert.Equal("", VerilogTools.Lint(Zfpe.Hdl.Lib.Ecp5.Ecp5SimulationModels.ForSimulation(design)));
        Assert.Equal("", VerilogTools.Lint(DesignCatalog.Get("uart-loopback").Emit(new Dictionary<string, string>())));
    }

    [ToolFact(ToolKind.Yosys)]
    public void Zfpe_synth_of_the_board_design_for_the_85k_fits_and_reports_every_port_constrained()
    {
        using var dir = new TempDirectory();
        var report = dir.Sub("report.json");
        var result = ZfpeCli.RunWith(new Dictionary<string, string> { ["ZFPE_FLOW_CACHE"] = dir.Sub("cache") },
            "synth", "ulx3s-codec", "--device", "85k", "--out", dir.Sub("build"), "--report", report);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("verdict: pass", result.Stdout);

        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var root = json.RootElement;
        Assert.Equal("pass", root.GetProperty("verdict").GetString());
        Assert.Equal("LFE5U-85F-6BG381C", root.GetProperty("device").GetProperty("partNumber").GetString());
        Assert.Equal(0, root.GetProperty("unconstrainedPorts").GetArrayLength());
        var synthesis = root.GetProperty("synthesis");
        Assert.Equal(1, synthesis.GetProperty("plls").GetInt32());
        Assert.Equal(4, synthesis.GetProperty("blockRams").GetInt32()); // the request FIFO: 2048 × 33 bits
        foreach (var r in synthesis.GetProperty("resources").EnumerateArray())
            Assert.True(r.GetProperty("used").GetInt64() <= r.GetProperty("available").GetInt64(), r.ToString());
        var lut4 = synthesis.GetProperty("lut4").GetInt64();
        Assert.InRange(lut4, 500, 83_640 / 4); // the codec is small: far below a quarter of the 85F

        // The deepest path stays inside a core (its 32-bit carry chain: 17 cells, as for the cores
        // alone); the skid stages keep the cores' backpressure logic from adding up across them
        // (26 cells without them).
        var depth = synthesis.GetProperty("logicDepth").GetInt32();
        Assert.True(depth <= 17, $"logic depth {depth}: {synthesis.GetProperty("logicDepthEnd")}");
    }
}
