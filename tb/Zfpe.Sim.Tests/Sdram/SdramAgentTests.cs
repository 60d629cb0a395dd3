using Zfpe.Hdl.Lib.Sdram;
using Zfpe.Sim.Sdram;
using Zfpe.Sim.Tests.Fixtures;

namespace Zfpe.Sim.Tests.Sdram;

/// <summary>The model on a Verilated design's pins through <see cref="SdramAgent"/>.</summary>
public sealed class SdramAgentTests
{
    /// <summary>Drives the fixture's ctl_* inputs from a list of pins, one entry per cycle, NOPs after it.</summary>
    private sealed class PinScript(IReadOnlyList<SdramPins> pins) : ICycleAgent
    {
        public void Drive(Simulation simulation)
        {
            var p = simulation.Cycle < pins.Count ? pins[(int)simulation.Cycle] : SdramPins.Nop;
            simulation.Poke("ctl_cs_n", p.CsN);
            simulation.Poke("ctl_ras_n", p.RasN);
            simulation.Poke("ctl_cas_n", p.CasN);
            simulation.Poke("ctl_we_n", p.WeN);
            simulation.Poke("ctl_ba", (ulong)p.Ba);
            simulation.Poke("ctl_a", (ulong)p.A);
            simulation.Poke("ctl_dqm", (ulong)p.Dqm);
            simulation.Poke("ctl_dq", (ulong)p.DqOut);
            simulation.Poke("ctl_dq_oe", p.DqOe);
        }

        public void Sample(Simulation simulation)
        {
        }
    }

    private static List<SdramPins> InitThen(params SdramPins[] tail)
    {
        var nop = SdramPins.Nop;
        var list = new List<SdramPins> { nop, nop, SdramPins.For(SdramCommand.Precharge, address: 1 << 10), nop };
        for (var i = 0; i < 2; i++) list.AddRange([SdramPins.For(SdramCommand.AutoRefresh), nop, nop, nop, nop, nop]);
        list.AddRange([SdramPins.For(SdramCommand.LoadModeRegister, address: new SdramModeRegister(1, false, false, 2, false).Encode()), nop]);
        list.AddRange(tail);
        return list;
    }

    private static Simulation Start(IReadOnlyList<SdramPins> script, out SdramModel model)
    {
        var sim = Simulation.Create(Designs.SdramPinsLoop(), new SimOptions { Waves = WaveFormat.None });
        model = new SdramModel(SdramParts.Default.At(100), new SdramModelOptions { PowerUpCycles = 2 });
        sim.Attach(new PinScript(script));        // first: the pins are poked before the agent reads them
        _ = new SdramAgent(sim, model);
        return sim;
    }

    [Fact]
    public void The_design_captures_read_data_at_the_edge_CL_cycles_after_READ()
    {
        var nop = SdramPins.Nop;
        var script = InitThen(
            SdramPins.For(SdramCommand.Active, 1, 0x1a3), nop,
            SdramPins.For(SdramCommand.Write, 1, 9).Driving(0x1234), nop,
            SdramPins.For(SdramCommand.Read, 1, 8), nop, nop, nop,
            SdramPins.For(SdramCommand.Read, 1, 9), nop, nop, nop);
        var read = script.FindIndex(p => p.Command == SdramCommand.Read);
        using var sim = Start(script, out var model);
        model.Poke(1, 0x1a3, 8, 0xbeef);
        var captured = new Dictionary<long, (ulong Word, bool Valid)>();
        while (sim.Cycle < script.Count + 2)
        {
            sim.Step();
            captured[sim.Cycle - 1] = (sim.Peek("captured"), sim.PeekBool("captured_valid"));     // what the edge just done sampled
        }
        Assert.Equal((0xbeefUL, true), captured[read + 2]);
        Assert.Equal((0x1234UL, true), captured[read + 4 + 2]);
        Assert.Equal(new long[] { read + 2, read + 6 }, captured.Where(c => c.Value.Valid).Select(c => c.Key));
        Assert.Equal(0x1234, model.Peek(1, 0x1a3, 9));
    }

    [Fact]
    public void A_violation_on_the_design_pins_stops_the_step_with_the_rule()
    {
        using var sim = Start(InitThen(SdramPins.For(SdramCommand.Active, 2, 5), SdramPins.For(SdramCommand.Read, 2, 0)), out _);
        var e = Assert.Throws<SdramViolationException>(() => sim.RunUntil(() => false, maxCycles: 40));
        Assert.Equal((SdramRule.Trcd, 2, 5), (e.Violation.Rule, e.Violation.Bank, e.Violation.Row));
        Assert.StartsWith("tRCD violated: READ to bank 2 row 0x5 at cycle 19, 1 cycles after ACTIVE at cycle 18, needs 2", e.Message);
    }
}
