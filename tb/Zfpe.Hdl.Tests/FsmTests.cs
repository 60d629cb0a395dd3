using System.Text;

namespace Zfpe.Hdl.Tests;

/// <summary>State machines over C# enums: behaviour, Verilog state names, waveform names, elaboration checks.</summary>
public class FsmTests
{
    public enum Phase { Idle, Header, Body, Done }

    /// <summary>Counts a packet: Idle until start, one header beat, <c>length</c> body beats, one Done beat.</summary>
    private sealed class PacketCounter : Component
    {
        public readonly Bool Start;
        public readonly UInt Length;
        public readonly Bool Busy;
        public readonly Bool Finished;
        public readonly UInt Code;
        private readonly Fsm<Phase> phase;

        public PacketCounter()
        {
            Start = In.Bool();
            Length = In.UInt(4);
            Busy = Out.Bool();
            Finished = Out.Bool();
            Code = Out.UInt(2);
            phase = new Fsm<Phase>(Phase.Idle);
            var left = Reg.UInt(4, reset: 0);
            phase.On(Phase.Idle, () => When(Start, () =>
            {
                left.Assign(Length);
                phase.Next(Phase.Header);
            }));
            phase.On(Phase.Header, () => phase.Next(Phase.Body));
            phase.On(Phase.Body, () =>
            {
                left.Assign(left - 1);
                When(left <= 1, () => phase.Next(Phase.Done));
            });
            phase.On(Phase.Done, () => phase.Next(Phase.Idle));
            Busy.Assign(!phase.Is(Phase.Idle));
            Finished.Assign(phase.Is(Phase.Done));
            Code.Assign(phase.State);
        }
    }

    [Fact]
    public void A_state_machine_follows_its_transitions_cycle_by_cycle()
    {
        var top = new PacketCounter();
        using var sim = LintCleanSimulation.Create(top);
        sim.Reset();
        var rng = new Random(5);
        var (model, left) = (Phase.Idle, 0);
        for (var cycle = 0; cycle < 20_000; cycle++)
        {
            var start = rng.Next(3) == 0;
            var length = rng.Next(1, 16);
            sim.Poke(top.Start, start);
            sim.Poke(top.Length, (ulong)length);
            sim.Eval();
            Assert.Equal((ulong)model, sim.Peek(top.Code));
            Assert.Equal(model != Phase.Idle, sim.PeekBool(top.Busy));
            Assert.Equal(model == Phase.Done, sim.PeekBool(top.Finished));
            sim.Step();
            (model, left) = model switch
            {
                Phase.Idle when start => (Phase.Header, length),
                Phase.Header => (Phase.Body, left),
                Phase.Body => (left <= 1 ? Phase.Done : Phase.Body, left - 1),
                Phase.Done => (Phase.Idle, left),
                _ => (model, left),
            };
        }
    }

    [Fact]
    public void States_are_localparams_with_their_names_and_the_case_uses_them()
    {
        var text = VerilogEmitter.Emit(new PacketCounter()).Files.Single().Text;
        TextAssert.ContainsAll(text,
            "localparam [1:0] PHASE_IDLE = 2'd0;",
            "localparam [1:0] PHASE_DONE = 2'd3;",
            "reg [1:0] phase;",
            "case (phase)",
            "PHASE_BODY: begin",
            "phase <= PHASE_HEADER;",
            "phase == PHASE_IDLE");
        Assert.DoesNotContain("2'd2:", text);
    }

    [Fact]
    public void The_state_name_shows_in_the_waves_as_text()
    {
        var top = new PacketCounter();
        using var dir = new TempDirectory();
        var wave = dir.File("phase.vcd");
        using (var sim = Simulation.Create(VerilogEmitter.Emit(top), new SimOptions { WaveFile = wave, Waves = WaveFormat.Vcd }))
        {
            sim.Poke(top.Start, true);
            sim.Poke(top.Length, 2UL);
            sim.Reset();
            sim.Step(6);
            sim.FlushWaves();
        }
        var vcd = File.ReadAllText(wave);
        // $var wire 48 <id> phase_name [47:0] $end: the signal is in the dump, six characters wide.
        var declaration = vcd.Split('\n').First(l => l.Contains(" phase_name "));
        var id = declaration.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
        var values = vcd.Split('\n').Where(l => l.StartsWith('b') && l.EndsWith(" " + id)).Select(l => Ascii(l[1..l.IndexOf(' ')])).ToList();
        TextAssert.ContainsAll(values,
            "Idle  ",
            "Header",
            "Body  ",
            "Done  ");
    }

    private static string Ascii(string bits)
    {
        bits = bits.PadLeft((bits.Length + 7) / 8 * 8, '0');
        var sb = new StringBuilder();
        for (var i = 0; i < bits.Length; i += 8) sb.Append((char)Convert.ToInt32(bits.Substring(i, 8), 2));
        return sb.ToString().TrimStart('\0');
    }

    private sealed class Unhandled : Component
    {
        public Unhandled()
        {
            var go = In.Bool();
            var fsm = new Fsm<Phase>(Phase.Idle); // @fsm-unhandled
            fsm.On(Phase.Idle, () => When(go, () => fsm.Next(Phase.Header)));
            fsm.On(Phase.Header, () => fsm.Next(Phase.Body));
            fsm.On(Phase.Body, () => fsm.Next(Phase.Done));
            Out.Bool().Assign(fsm.Is(Phase.Done));
        }
    }

    private sealed class Unreachable : Component
    {
        public Unreachable()
        {
            var go = In.Bool();
            var fsm = new Fsm<Phase>(Phase.Idle); // @fsm-unreachable
            fsm.On(Phase.Idle, () => When(go, () => fsm.Next(Phase.Header)));
            fsm.On(Phase.Header, () => fsm.Next(Phase.Done));
            fsm.On(Phase.Body, () => fsm.Next(Phase.Done));
            fsm.On(Phase.Done, () => fsm.Next(Phase.Idle));
            Out.Bool().Assign(fsm.Is(Phase.Done));
        }
    }

    [Fact]
    public void A_state_without_On_is_an_error_at_the_state_machine_line()
    {
        var e = Assert.Throws<HdlException>(() => VerilogEmitter.Emit(new Unhandled()));
        Assert.StartsWith(Marker.At("fsm-unhandled"), e.Message);
        Assert.Contains("state Done is unhandled", e.Message);
    }

    [Fact]
    public void A_state_nothing_leads_to_is_an_error_at_the_state_machine_line()
    {
        var e = Assert.Throws<HdlException>(() => VerilogEmitter.Emit(new Unreachable()));
        Assert.StartsWith(Marker.At("fsm-unreachable"), e.Message);
        Assert.Contains("state Body is unreachable", e.Message);
    }

    /// <summary>Five states: three codes of the 3-bit register are no state's.</summary>
    public enum Step { First, Second, Third, Fourth, Fifth }

    /// <summary>
    /// A default given between states' bodies: the later state's assignment must still win there, and
    /// the first case statement's handling of the unused codes must not catch the later states.
    /// </summary>
    private sealed class DefaultBetweenStates : Component
    {
        public readonly Bool Go;
        public readonly Bool Pulse;

        public DefaultBetweenStates()
        {
            Go = In.Bool();
            Pulse = Out.Bool();
            var step = new Fsm<Step>(Step.First, name: "step");
            var pulse = Reg.Bool(reset: false, name: "pulse_q");
            step.On(Step.First, () => When(Go, () => step.Next(Step.Second)));
            step.On(Step.Second, () => step.Next(Step.Third));
            pulse.Assign(Hw.False);                                   // the default, after the first states
            step.On(Step.Third, () =>
            {
                pulse.Assign(Hw.True);                                // must win over the default above
                step.Next(Step.Fourth);
            });
            step.On(Step.Fourth, () => step.Next(Step.Fifth));
            step.On(Step.Fifth, () => step.Next(Step.First));
            Pulse.Assign(pulse);
        }
    }

    [Fact]
    public void Assignments_keep_their_csharp_order_around_the_states_bodies()
    {
        var top = new DefaultBetweenStates();
        using var sim = LintCleanSimulation.Create(top);
        sim.Reset();
        sim.Poke(top.Go, true);
        var pulses = 0;
        for (var cycle = 0; cycle < 50; cycle++)
        {
            sim.Step();
            if (sim.PeekBool(top.Pulse)) pulses++;
        }
        // First → Second → Third (pulse set) → Fourth → Fifth → First: one pulse every 5 cycles.
        Assert.Equal(10, pulses);
    }
}
