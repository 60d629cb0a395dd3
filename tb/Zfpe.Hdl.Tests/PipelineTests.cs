using Zfpe.Hdl.Lib.Pipelines;

namespace Zfpe.Hdl.Tests;

/// <summary>The pipeline helper: values declared once and carried to where they are read, stall control, latency.</summary>
public class PipelineTests
{
    public sealed class Operands : Bundle
    {
        public UInt A { get; }
        public UInt B { get; }
        public UInt Tag { get; }

        private Operands(Fields f) : base(f)
        {
            A = f.UInt(16);
            B = f.UInt(16);
            Tag = f.UInt(4);
        }

        public static Shape<Operands> Shape { get; } = Zfpe.Hdl.Shape.Of(f => new Operands(f));
    }

    /// <summary>out = {tag, a * b + (a &lt;&lt; 4)}, over three register stages; the tag rides along untouched.</summary>
    private sealed class MultiplyAdd : Component
    {
        public readonly Stream<Operands> Input;
        public readonly Stream<UInt> Output;
        public readonly int Latency;

        public MultiplyAdd(bool skid = false, bool lockstep = false)
        {
            Input = In.Stream(Operands.Shape, withLast: true);
            Output = Out.Stream(36, withLast: true);
            var p = new Pipeline("mac");
            var arrive = p.Begin(Input);
            var operands = arrive.Let("operands", Input.Payload);
            var last = arrive.Let("last", Input.Last!);
            var multiply = lockstep ? p.LockstepStage("multiply") : p.Stage("multiply");
            var product = multiply.Let("product", operands[multiply].A * operands[multiply].B);
            var add = skid ? p.SkidStage("add") : lockstep ? p.LockstepStage("add") : p.Stage("add");
            var sum = add.Let("sum", product[add] + (operands[add].A.ZeroExtend(32) << 4));
            var done = p.Stage("done");
            p.End(Output, done, s => Hw.Cat(operands[s].Tag, sum[s]), lastBeat: s => last[s]);
            Latency = p.Latency;
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void A_pipeline_computes_every_beat_in_order_under_random_stalls_with_its_latency(bool skid, bool lockstep)
    {
        var top = new MultiplyAdd(skid, lockstep);
        Assert.Equal(3, top.Latency);
        using var sim = LintCleanSimulation.Create(top);
        var stalls = new SteppingStalls(sim.Stream(top.Input), sim.Stream(top.Output), idle: (1, 900), ready: (2, 1300, 1));
        sim.Reset();
        var rng = new Random(9);
        for (var n = 0; n < 30_000; n++)
        {
            ulong a = (ulong)rng.Next(1 << 16), b = (ulong)rng.Next(1 << 16), tag = (ulong)rng.Next(16);
            var last = rng.Next(4) == 0;
            stalls.Driver.Enqueue(a | b << 16 | tag << 32, last);
            stalls.Scoreboard.Expect(((a * b + (a << 4)) & 0xFFFFFFFF) | tag << 32, last);
        }
        sim.RunUntil(() => stalls.Scoreboard.IsDone, 400_000, "every beat through the pipeline");
        stalls.Scoreboard.AssertDone();

        // Nothing stalls: one beat per cycle, the first out three cycles after it went in.
        stalls.RemoveStalls();
        var monitor = new StreamMonitor<ulong>(sim.Stream(top.Output));
        var accepted = new StreamMonitor<ulong>(sim.Stream(top.Input));
        for (var i = 0; i < 200; i++)
        {
            stalls.Driver.Enqueue((ulong)i);
            stalls.Scoreboard.Expect((ulong)i * 16);
        }
        sim.RunUntil(() => stalls.Scoreboard.IsDone, 1000);
        Assert.Equal(top.Latency, monitor.Beats[0].Cycle - accepted.Beats[0].Cycle);
        Assert.Equal(199, monitor.Beats[^1].Cycle - monitor.Beats[0].Cycle);
    }

    [Fact]
    public void Carried_values_are_resetless_registers_named_after_the_value_and_stage()
    {
        var text = VerilogEmitter.Emit(new MultiplyAdd()).Files.Single().Text;
        TextAssert.ContainsAll(text,
            "reg [15:0] operands_multiply_a;",
            "reg [3:0] operands_done_tag;",
            "reg [31:0] product_add;",
            "reg [31:0] sum_done;");
        Assert.Matches(@"reg \[31:0\] product_add; +// PipelineTests\.cs:\d+, no reset", text);
        Assert.Matches(@"reg mac_multiply_valid; +// PipelineTests\.cs:\d+, reset 0", text);
    }

    [Fact]
    public void A_skid_stage_gives_the_stage_before_a_registered_ready_and_keeps_the_latency()
    {
        var top = new MultiplyAdd(skid: true);
        Assert.Equal(3, top.Latency);
        var text = VerilogEmitter.Emit(top).Files.Single().Text;
        Assert.Contains("reg [31:0] product_add_spare;", text);
        Assert.Matches(@"reg mac_add_spare_valid; +// PipelineTests\.cs:\d+, reset 0", text);
        // The multiply stage loads on its own valid and the skid's register only: not on the output's ready.
        Assert.Matches(@"assign mac_multiply_load = .*mac_add_ready", text);
        Assert.DoesNotMatch(@"assign mac_multiply_load = .*output_ready", text);
        Assert.Matches(@"assign mac_add_ready = !mac_add_spare_valid;", text);
    }

    [Fact]
    public void Lockstep_stages_share_the_load_of_the_stage_after_them()
    {
        var text = VerilogEmitter.Emit(new MultiplyAdd(lockstep: true)).Files.Single().Text;
        TextAssert.ContainsAll(text,
            "assign mac_add_load = mac_done_load;",
            "assign mac_multiply_load = mac_done_load;",
            "assign input_ready = mac_done_load;");
        // The run's one load: the last stage's own valid and the consumer's ready, no other valid bit.
        Assert.Contains("assign mac_done_load = output_ready | !mac_done_valid;", text);

        // With a skid stage after it, a lockstep stage loads on the skid stage's registered ready.
        var skid = VerilogEmitter.Emit(new MultiplyAdd(skid: true, lockstep: true)).Files.Single().Text;
        Assert.Contains("assign mac_multiply_load = mac_add_ready;", skid);
    }

    private sealed class EndsInLockstep : Component
    {
        public EndsInLockstep()
        {
            var input = In.Stream(8);
            var output = Out.Stream(8);
            var p = new Pipeline("tail");
            var first = p.Begin(input);
            var word = first.Let("word", input.Payload);
            var last = p.LockstepStage("last"); // @lockstep-last
            p.End(output, last, s => word[s]);
        }
    }

    [Fact]
    public void A_pipeline_cannot_end_in_a_lockstep_stage()
    {
        var e = Assert.Throws<HdlException>(() => new EndsInLockstep());
        Assert.StartsWith(Marker.At("lockstep-last"), e.Message);
        Assert.Contains("ends at lockstep stage 'last'", e.Message);
    }

    private sealed class ReadsTooEarly : Component
    {
        public ReadsTooEarly()
        {
            var input = In.Stream(8);
            var output = Out.Stream(8);
            var p = new Pipeline("early");
            var first = p.Begin(input);
            var second = p.Stage("second");
            var late = second.Let("late", input.Payload); // @late-value
            _ = late[first];
            p.End(output, second, s => late[s]);
        }
    }

    [Fact]
    public void Reading_a_value_before_the_stage_that_computes_it_names_the_value_and_its_line()
    {
        var e = Assert.Throws<HdlException>(() => new ReadsTooEarly());
        Assert.StartsWith(Marker.At("late-value"), e.Message);
        Assert.Contains("'late' is computed in stage 'second' of pipeline 'early', which comes after stage 'input'", e.Message);
    }
}
