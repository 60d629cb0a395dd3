using System.Text.RegularExpressions;
using Zfpe.Hdl.Lib.Ecp5;

namespace Zfpe.Hdl.Lib.Tests;

/// <summary>The EHXPLLL black box, its wrapper, its simulation model and the reset synchroniser.</summary>
public class PllPrimitiveTests
{
    private static string Instance(EmittedDesign d) =>
        Regex.Match(d.Files.Single(f => f.ModuleName.StartsWith("ecp5_pll")).Text, @"EHXPLLL #\((.*?)\) pll", RegexOptions.Singleline).Groups[1].Value;

    private static string Param(string instance, string name) =>
        Regex.Match(instance, $@"\.{name}\((.*?)\)").Groups[1].Value;

    [Theory]
    [InlineData(100, 1, 4, 6)]
    [InlineData(125, 1, 5, 5)]
    public void The_instance_carries_the_solver_dividers(double mhz, int clki, int clkfb, int clkop)
    {
        var instance = Instance(VerilogEmitter.Emit(new Ecp5Pll(25, mhz)));
        Assert.Equal(clki.ToString(), Param(instance, "CLKI_DIV"));
        Assert.Equal(clkfb.ToString(), Param(instance, "CLKFB_DIV"));
        Assert.Equal(clkop.ToString(), Param(instance, "CLKOP_DIV"));
        Assert.Equal((clkop - 1).ToString(), Param(instance, "CLKOP_CPHASE"));
        Assert.Equal("0", Param(instance, "CLKOP_FPHASE"));
        Assert.Equal("\"CLKOP\"", Param(instance, "FEEDBK_PATH"));
        Assert.Equal("\"ENABLED\"", Param(instance, "CLKOP_ENABLE"));
        Assert.Equal("\"DISABLED\"", Param(instance, "PLLRST_ENA"));
    }

    [Fact]
    public void Every_solver_parameter_reaches_the_instance_in_order()
    {
        var settings = PllSolver.Solve(25, 100);
        var instance = Instance(VerilogEmitter.Emit(new Ecp5Pll(settings)));
        var names = Regex.Matches(instance, @"\.(\w+)\(").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(settings.PrimitiveParameters().Select(p => p.Key), names.Take(settings.PrimitiveParameters().Count));
    }

    [Fact]
    public void Feedback_comes_from_CLKOP_and_configurations_get_their_own_module_names()
    {
        var d = VerilogEmitter.Emit(new Ecp5Pll(25, 100));
        var text = d.Files.Single().Text;
        Assert.Contains("assign pll_CLKFB = pll_CLKOP;", text);
        Assert.Equal("ecp5_pll", d.TopModule);
        Assert.NotEqual(d.TopModule, VerilogEmitter.Emit(new Ecp5Pll(25, 125)).TopModule);
        Assert.DoesNotContain(d.Files, f => f.ModuleName == "EHXPLLL"); // the primitive is the vendor's
    }

    [Fact]
    public void An_unreachable_frequency_is_refused_with_the_limits()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Ecp5Pll(25, 500));
        Assert.Contains("400", e.Message);
    }

    [Fact]
    public void Yosys_maps_the_wrapper_to_one_EHXPLLL()
    {
        var (ok, stat) = VerilogTools.SynthEcp5(VerilogEmitter.Emit(new Ecp5Pll(25, 100)));
        Assert.True(ok, stat);
        Assert.Matches(@"EHXPLLL\s+1", stat);
    }

    [Fact]
    public void With_its_simulation_model_the_wrapper_passes_verilator_lint()
    {
        var d = Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(new Ecp5Pll(25, 100)));
        Assert.Equal(Ecp5SimulationModels.EhxplllFileName, d.Files[0].FileName);
        Assert.Equal("", VerilogTools.Lint(d));
    }

    [Fact]
    public void The_simulation_model_is_added_only_where_an_EHXPLLL_is_used_and_marks_the_clock()
    {
        var plain = VerilogEmitter.Emit(new Uart.UartTx(new Uart.UartConfig(100_000_000, 3_000_000)));
        Assert.Equal(plain.Files, Ecp5SimulationModels.ForSimulation(plain).Files);
        var pll = Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(new Ecp5Pll(25, 100)), clockPort: "clock_in");
        Assert.Equal(PortRole.Clock, pll.Port("clock_in").Role);
        var e = Assert.Throws<ArgumentException>(() => Ecp5SimulationModels.ForSimulation(plain, clockPort: "txd"));
        Assert.Contains("output", e.Message);
        Assert.Throws<ArgumentException>(() => Ecp5SimulationModels.ForSimulation(plain, clockPort: "input_valid"));
    }

    [Fact]
    public void The_reset_leaves_a_power_up_set_flip_flop_onto_a_global_network_unless_told_otherwise()
    {
        var global = VerilogEmitter.Emit(new ResetSync()).Files.Single(f => f.ModuleName == "reset_sync").Text;
        Assert.Contains("FD1S3BX #(", global);
        Assert.Contains("    DCCA reset_global (", global);
        Assert.Contains("assign reset = reset_global_CLKO;", global);
        var local = VerilogEmitter.Emit(new ResetSync(global: false)).Files.Single().Text;
        Assert.DoesNotContain("DCCA", local);
        Assert.Contains("assign reset = reset_reg_Q;", local);
        Assert.Equal("", VerilogTools.Lint(Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(new ResetSync()))));
    }

    [Theory]
    [InlineData(1, 16, "stages")]
    [InlineData(2, 0, "holdCycles")]
    public void A_bad_reset_synchroniser_names_its_parameter(int stages, int hold, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ResetSync(stages, hold));
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void Reset_is_held_from_power_up_follows_a_request_and_is_released_after_the_hold_time()
    {
        const int hold = 5;
        using var sim = Simulation.Create(Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(new ResetSync(stages: 2, holdCycles: hold))));
        sim.Poke("request", false);
        var reset = new List<bool>();
        void Run(int cycles)
        {
            for (var i = 0; i < cycles; i++)
            {
                sim.Eval();
                reset.Add(sim.PeekBool("reset"));
                sim.Step();
            }
        }

        // From power-up (every flip-flop 0): reset for hold + 1 cycles, then released.
        Run(hold + 4);
        Assert.Equal(Enumerable.Repeat(true, hold + 1).Concat(Enumerable.Repeat(false, 3)), reset);

        // A request is seen after 2 synchroniser stages and the output register; the reset then
        // lasts as long as the request plus the hold time.
        reset.Clear();
        sim.Poke("request", true);
        Run(1);
        sim.Poke("request", false);
        Run(11);
        Assert.Equal([false, false, false, true, true, true, true, true, true, false, false, false], reset);

        // A long request (a PLL out of lock) keeps the reset up for its whole length.
        reset.Clear();
        sim.Poke("request", true);
        Run(20);
        sim.Poke("request", false);
        Run(12);
        Assert.Equal(Enumerable.Repeat(false, 3).Concat(Enumerable.Repeat(true, 20 + hold)).Concat(Enumerable.Repeat(false, 32 - 3 - 20 - hold)), reset);
    }
}
