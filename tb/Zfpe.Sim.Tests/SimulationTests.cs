namespace Zfpe.Sim.Tests;

public sealed class SimulationTests
{
    [Fact]
    public void Counter_counts_the_enabled_cycles_after_reset()
    {
        using var sim = ResetWithoutWaves(Designs.Counter(), cycles: 2);
        sim.Poke("enable", true);
        sim.Step(10);
        sim.Poke("enable", false);
        sim.Step(5);
        Assert.Equal((10UL, 17L), (sim.Peek("count"), sim.Cycle));
    }

    [Fact]
    public void An_input_poked_before_a_step_is_sampled_at_that_steps_rising_edge()
    {
        using var sim = ResetWithoutWaves(Designs.Counter());
        var enable = sim.Port("enable");
        var count = sim.Port("count");
        enable.Poke(true);
        Assert.Equal(0UL, count.Peek());
        sim.Step();
        Assert.Equal(1UL, count.Peek());
        enable.Poke(false);
        sim.Step();
        Assert.Equal(1UL, count.Peek());
    }

    [Fact]
    public void Combinational_outputs_follow_pokes_after_Eval()
    {
        using var sim = ResetWithoutWaves(Designs.Counter());
        sim.Poke("enable", true);
        sim.Step(3);
        sim.Poke("addend", 255L);
        sim.Eval();
        Assert.Equal(258UL, sim.Peek("sum"));
        Assert.Equal(3UL, sim.Peek("count"));
    }

    [Fact]
    public void Reset_clears_the_state_and_counts_its_cycles()
    {
        using var sim = ResetWithoutWaves(Designs.Counter());
        sim.Poke("enable", true);
        sim.Step(7);
        sim.Reset(3);
        Assert.Equal((0UL, 11L), (sim.Peek("count"), sim.Cycle));
    }

    [Fact]
    public void RunUntil_returns_the_cycles_it_took()
    {
        using var sim = ResetWithoutWaves(Designs.Counter());
        var count = sim.Port("count");
        sim.Poke("enable", true);
        var cycles = sim.RunUntil(() => count.Peek() == 42, maxCycles: 100);
        Assert.Equal(42, cycles);
    }

    [Fact]
    public void RunUntil_timeout_names_the_condition_the_cycles_and_the_wave_file()
    {
        using var sim = ResetWithoutWaves(Designs.Counter());
        var count = sim.Port("count");
        var e = Assert.Throws<SimulationTimeoutException>(() => sim.RunUntil(() => count.Peek() == 1, maxCycles: 25, description: "count reaching 1"));
        TextAssert.ContainsAll(e.Message,
            "count reaching 1 did not hold within 25 cycles",
            "cycles 1 to 26");
        Assert.Contains(sim.PlannedWavePath, e.Message);
        Assert.Contains("ZFPE_WAVES=1", e.Message);
        Assert.Equal(26, e.Cycle);
        Assert.EndsWith($"{nameof(RunUntil_timeout_names_the_condition_the_cycles_and_the_wave_file)}.fst", sim.PlannedWavePath);
    }

    [Fact]
    public void A_value_too_wide_for_the_port_is_refused_with_the_ports_range()
    {
        using var sim = Simulation.Create(Designs.Counter(), NoWaves);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => sim.Poke("addend", 256L));
        Assert.Contains("256 does not fit port 'addend' (8 bits, unsigned: 0..255)", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Poke("addend", -1L));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Poke("addend", 0x100UL));
        var wrongBool = Assert.Throws<ArgumentException>(() => sim.Poke("addend", true));
        Assert.Contains("8 bits wide", wrongBool.Message);
    }

    [Fact]
    public void Outputs_and_the_clock_cannot_be_poked()
    {
        using var sim = Simulation.Create(Designs.Counter(), NoWaves);
        Assert.Contains("only inputs can be poked", Assert.Throws<ArgumentException>(() => sim.Poke("count", 1L)).Message);
        Assert.Contains("call Step() instead", Assert.Throws<ArgumentException>(() => sim.Poke("clk", true)).Message);
    }

    [Fact]
    public void An_unknown_port_name_lists_the_ports_that_exist()
    {
        using var sim = Simulation.Create(Designs.Counter(), NoWaves);
        var e = Assert.Throws<ArgumentException>(() => sim.Port("cnt"));
        TextAssert.ContainsAll(e.Message,
            "no port 'cnt'",
            "clk, reset, enable, addend, trap, done, count, sum");
    }

    [Fact]
    public void Ports_can_be_named_by_their_PortInfo()
    {
        var design = Designs.Counter();
        using var sim = Simulation.Create(design, NoWaves);
        sim.Reset();
        sim.Poke(design.Port("addend"), 7L);
        sim.Eval();
        Assert.Equal(7UL, sim.Peek(design.Port("sum")));
    }

    [Fact]
    public void Stop_in_the_design_fails_the_step_with_the_Verilog_file_and_line()
    {
        using var sim = ResetWithoutWaves(Designs.Counter());
        sim.Step(4);
        sim.Poke("trap", true);
        var e = Assert.Throws<SimulationException>(() => sim.Step());
        TextAssert.ContainsAll(e.Message,
            "Verilog $stop",
            "counter.v:17");
        Assert.Equal(5, e.Cycle);
        Assert.Contains("the design stopped", Assert.Throws<SimulationException>(() => sim.Step()).Message);
    }

    [Fact]
    public void A_stop_inside_a_multi_cycle_step_reports_the_cycle_it_happened_in()
    {
        using var sim = ResetWithoutWaves(Designs.Counter());
        sim.Poke("trap", true);
        var e = Assert.Throws<SimulationException>(() => sim.Step(100));
        Assert.Equal(1, e.Cycle);
        Assert.Equal(1, sim.Cycle);
    }

    [Fact]
    public void Finish_in_the_design_is_reported_and_the_simulation_goes_on()
    {
        using var sim = ResetWithoutWaves(Designs.Counter());
        Assert.False(sim.Finished);
        sim.Poke("done", true);
        sim.Step();
        Assert.True(sim.Finished);
        sim.Poke("enable", true);
        sim.Step(2);
        Assert.Equal(2UL, sim.Peek("count"));
    }

    [Fact]
    public void Two_instances_of_one_model_keep_separate_state()
    {
        using var first = Simulation.Create(Designs.Counter(), NoWaves);
        using var second = Simulation.Create(Designs.Counter(), NoWaves);
        Assert.Same(first.Model, second.Model);
        first.Reset();
        second.Reset();
        first.Poke("enable", true);
        second.Poke("enable", true);
        first.Step(3);
        second.Step(9);
        Assert.Equal(3UL, first.Peek("count"));
        Assert.Equal(9UL, second.Peek("count"));
        Assert.NotEqual(first.PlannedWavePath, second.PlannedWavePath);
    }

    [Fact]
    public void Each_request_names_its_own_simulation_even_when_the_model_is_shared()
    {
        using var named = Simulation.Create(Designs.Counter(), NoWaves with { Name = "counter-by-name" });
        using var unnamed = Simulation.Create(Designs.Counter(), NoWaves);
        Assert.Same(named.Model, unnamed.Model);
        Assert.StartsWith("counter-by-name", Path.GetFileName(named.PlannedWavePath));
        Assert.StartsWith(nameof(Each_request_names_its_own_simulation_even_when_the_model_is_shared), Path.GetFileName(unnamed.PlannedWavePath));
    }

    [Fact]
    public void A_disposed_simulation_refuses_further_use()
    {
        var sim = Simulation.Create(Designs.Counter(), NoWaves);
        sim.Dispose();
        Assert.Throws<ObjectDisposedException>(() => sim.Step());
        Assert.Throws<ObjectDisposedException>(() => sim.Peek("count"));
        sim.Dispose();
    }
}
