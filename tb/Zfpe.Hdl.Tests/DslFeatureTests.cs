namespace Zfpe.Hdl.Tests;

/// <summary>Stream stages, explicit clocking and vendor black boxes.</summary>
public class DslFeatureTests
{
    private sealed class StagedPipe : Component
    {
        public readonly Stream<UInt> Input;
        public readonly Stream<UInt> Output;

        public StagedPipe()
        {
            Input = In.Stream(16, withLast: true);
            Output = Out.Stream(16, withLast: true);
            Output.ConnectFrom(Input.Stage("first").Stage("second").SkidStage("third"));
        }
    }

    [Fact]
    public void Chained_stages_keep_order_and_full_throughput()
    {
        var pipe = new StagedPipe();
        using var sim = LintCleanSimulation.Create(pipe);
        var stalls = new SteppingStalls(sim.Stream(pipe.Input), sim.Stream(pipe.Output), idle: (4, 700), ready: (5, 900, 2));
        sim.Reset();
        var rng = new Random(4);
        for (var p = 0; p < 5000; p++)
        {
            var packet = Enumerable.Range(0, rng.Next(1, 6)).Select(_ => (ulong)rng.Next(1 << 16)).ToList();
            stalls.Driver.EnqueuePacket(packet);
            stalls.Scoreboard.ExpectPacket(packet);
        }
        sim.RunUntil(() => stalls.Scoreboard.IsDone, 1_000_000);
        stalls.Scoreboard.AssertDone();

        // With no stalls at either end, three stages move one beat per cycle after 3 cycles of latency.
        stalls.RemoveStalls();
        var before = stalls.Scoreboard.Matched;
        for (var i = 0; i < 400; i++)
        {
            stalls.Driver.Enqueue((ulong)i);
            stalls.Scoreboard.Expect((ulong)i);
        }
        var cycles = sim.RunUntil(() => stalls.Scoreboard.IsDone, 1000);
        Assert.Equal(before + 400, stalls.Scoreboard.Matched);
        Assert.InRange(cycles, 400, 404);
    }

    /// <summary>The ECP5 multiplier, with its bit-level ports, unregistered, unsigned.</summary>
    private sealed class Mult : BlackBox
    {
        public readonly IReadOnlyList<Bool> A;
        public readonly IReadOnlyList<Bool> B;
        public readonly IReadOnlyList<Bool> P;

        public Mult() : base("MULT18X18D")
        {
            Parameter("REG_INPUTA_CLK", "NONE");
            Parameter("REG_OUTPUT_CLK", "NONE");
            A = Enumerable.Range(0, 18).Select(i => In.Bool($"A{i}")).ToList();
            B = Enumerable.Range(0, 18).Select(i => In.Bool($"B{i}")).ToList();
            P = Enumerable.Range(0, 36).Select(i => Out.Bool($"P{i}")).ToList();
        }
    }

    private sealed class ClockedTop : Component
    {
        public ClockedTop()
        {
            var boardClock = In.Bool("clk_25mhz");
            var button = In.Bool("btn");
            var a = In.UInt(18, "a");
            var b = In.UInt(18, "b");
            var product = Out.UInt(36, "product");
            var mult = Instance(new Mult(), "mult");
            for (var i = 0; i < 18; i++)
            {
                mult.A[i].Assign(a[i]);
                mult.B[i].Assign(b[i]);
            }
            var clock = Wire.Bool("design_clk");
            clock.Assign(boardClock);
            var reset = Wire.Bool("design_reset");
            reset.Assign(button);
            UseClock(clock, reset);
            var held = Reg.UInt(36, reset: 0, name: "held");
            held.Assign(Hw.Cat(mult.P.Reverse().ToArray<HdlValue>()));
            product.Assign(held);
        }
    }

    [Fact]
    public void A_black_box_is_instantiated_with_its_parameters_and_not_emitted()
    {
        var design = VerilogEmitter.Emit(new ClockedTop());
        var top = Assert.Single(design.Files);
        TextAssert.ContainsAll(top.Text,
            "MULT18X18D #(",
            ".REG_INPUTA_CLK(\"NONE\")",
            "always @(posedge design_clk)",
            "if (design_reset)");
        Assert.DoesNotContain(design.TopPorts, p => p.Role != PortRole.Data);
        var (ok, log) = VerilogTools.SynthEcp5(design);
        Assert.True(ok, log);
        Assert.Matches(@"MULT18X18D\s+1", log);
    }

    [Fact]
    public void UseClock_rejects_a_clock_that_is_not_the_components_own_signal()
    {
        var e = Assert.Throws<HdlException>(() => Elaboration.Elaborator.Elaborate(new ForeignClock()));
        Assert.Contains("the clock given to UseClock must be an input port or a wire of ForeignClock", e.Message);
    }

    private sealed class ForeignClock : Component
    {
        public ForeignClock()
        {
            var y = Out.Bool("y");
            UseClock(Hw.True, null);
            y.Assign(Reg.Next(Hw.True, reset: null));
        }
    }
}
