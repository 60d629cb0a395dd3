namespace Zfpe.Hdl.Lib.Tests;

/// <summary>Credit-based flow control: a sender, a link with latency both ways, and a receiver queue that must never overflow.</summary>
public class CreditSenderTests
{
    /// <summary>
    /// Sender → <c>linkStages</c> pipe stages → a queue of <c>credits</c> words whose push ready is
    /// ignored (<see cref="Overflow"/> says a beat arrived at a full queue); each beat popped returns
    /// a credit through <c>linkStages</c> registers.
    /// </summary>
    public sealed class CreditLink : Component
    {
        public readonly Stream<UInt> Input;
        public readonly Stream<UInt> Output;
        public readonly Bool Overflow;
        public readonly UInt Credits;

        public CreditLink(int width, int credits, int linkStages)
        {
            Param("width", width, 8);
            Param("credits", credits, 8);
            Param("link_stages", linkStages, 2);
            Input = In.Stream(width, withLast: true);
            Output = Out.Stream(width, withLast: true);
            Overflow = Out.Bool();
            Credits = Out.UInt(StreamPayloadsBits(credits + 1));

            var sender = Instance(new CreditSender<UInt>(Shape.UInt(width), credits, withLast: true), "sender");
            var receiver = Instance(new StreamQueue<UInt>(Shape.UInt(width), credits, withLast: true), "receiver");
            sender.Input.ConnectFrom(Input);
            var link = sender.Output;
            for (var i = 0; i < linkStages; i++) link = link.Stage($"forward_{i}");
            // The receiver is always "ready" as the link sees it: credits, not ready, keep it from overflowing.
            link.Ready.Assign(Hw.True);
            receiver.Push.Valid.Assign(link.Valid);
            receiver.Push.Payload.Assign(link.Payload);
            receiver.Push.Last!.Assign(link.Last!);
            Overflow.Assign(link.Valid & !receiver.Push.Ready);
            Output.ConnectFrom(receiver.Pop);
            var credit = Output.Fire;
            for (var i = 0; i < linkStages; i++) credit = Reg.Next(credit, reset: 0, name: $"credit_{i}");
            sender.CreditReturn.Assign(credit);
            Credits.Assign(sender.Credits);
        }

        private static int StreamPayloadsBits(int values) => Math.Max(1, (int)Math.Ceiling(Math.Log2(values)));
    }

    /// <summary>No overflow, and never more credits than the receiver has room for.</summary>
    private sealed class CreditChecker(CreditLink link, int credits) : ICycleAgent
    {
        public long Starved { get; private set; }

        public void Drive(Simulation simulation)
        {
        }

        public void Sample(Simulation s)
        {
            if (s.PeekBool(link.Overflow)) throw s.Failure("a beat reached the receiver while its queue was full");
            var held = (long)s.Peek(link.Credits);
            if (held > credits) throw s.Failure($"the sender holds {held} credits, more than the {credits} the receiver has room for");
            if (held == 0) Starved++;
        }
    }

    [Theory]
    [InlineData(4, 2)]
    [InlineData(8, 3)]
    [InlineData(1, 1)]
    public void Credits_keep_the_receiver_from_overflowing_across_a_slow_link(int credits, int linkStages)
    {
        var sender = new CreditSender<UInt>(Shape.UInt(9), credits, withLast: true);
        VerilogTools.AssertLintClean(VerilogEmitter.Emit(sender));
        var top = new CreditLink(9, credits, linkStages);
        using var sim = LintCleanSimulation.Create(top);
        var bench = new StreamBench(sim, seed: credits * 10 + linkStages);
        var input = bench.Source<ulong>(sim.Stream(top.Input), StallProfile.Stepping(1000));
        var output = bench.Sink<ulong>(sim.Stream(top.Output), StallProfile.Random(1500, credits));
        input.Packets = r => Enumerable.Range(0, r.Next(1, 5)).Select(_ => (ulong)r.Next(1 << 9)).ToList();
        bench.Model(input, output, (v, last) => [(v, last)]);
        var checker = bench.Check(new CreditChecker(top, credits));
        Cosim.AssertLongEnough(bench.Run(Cosim.MinimumCycles));
        Assert.True(checker.Starved > 1000, "the sender never ran out of credits: the test did not reach the interesting case");
    }
}
