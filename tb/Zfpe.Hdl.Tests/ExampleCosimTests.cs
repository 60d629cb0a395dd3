using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Lib.Basic;
using Zfpe.Hdl.Lib.Streams;
using Zfpe.Hdl.Tests.Support;
using Zfpe.Sim;

namespace Zfpe.Hdl.Tests;

/// <summary>
/// The DSL examples, Verilated and driven from C# for at least 100,000 cycles each under random,
/// time-varying valid/ready patterns, against plain C# models.
/// </summary>
public class ExampleCosimTests
{
    private const int MinimumCycles = 100_000;

    // ---- FIFO ---------------------------------------------------------------------------------

    /// <summary>Checks level/full/empty every cycle against a counter of the beats that moved.</summary>
    private sealed class FifoLevelChecker(SyncFifo fifo, int depth, bool blockRam) : ICycleAgent
    {
        private long count;
        public long Checked { get; private set; }

        public void Drive(Simulation simulation)
        {
        }

        public void Sample(Simulation s)
        {
            var level = (long)s.Peek(fifo.Level);
            if (level != count) throw s.Failure($"Level is {level} but {count} words are held");
            var full = s.PeekBool(fifo.Full);
            var memoryWords = blockRam ? count - (count > 0 && s.PeekBool(fifo.Pop.Valid) ? 1 : 0) : count;
            if (!blockRam && full != (count == depth)) throw s.Failure($"Full is {full} with {count} of {depth} words held");
            if (blockRam && full != (memoryWords == depth)) throw s.Failure($"Full is {full} with {memoryWords} of {depth} words in block RAM");
            if (s.PeekBool(fifo.Empty) != (count == 0)) throw s.Failure($"Empty is {s.PeekBool(fifo.Empty)} with {count} words held");
            // Depth 1 also takes a word while the held one leaves; deeper FIFOs take one only when not full.
            var expectReady = !full || (depth == 1 && s.PeekBool(fifo.Pop.Ready));
            if (s.PeekBool(fifo.Push.Ready) != expectReady) throw s.Failure($"push ready is {s.PeekBool(fifo.Push.Ready)} with Full {full}");
            var pushed = s.PeekBool(fifo.Push.Valid) && s.PeekBool(fifo.Push.Ready);
            var popped = s.PeekBool(fifo.Pop.Valid) && s.PeekBool(fifo.Pop.Ready);
            count += (pushed ? 1 : 0) - (popped ? 1 : 0);
            Checked++;
        }
    }

    [Theory]
    [InlineData(8, 5, false, 11)]
    [InlineData(3, 1, false, 12)]
    [InlineData(18, 32, true, 13)]
    public void Fifo_keeps_order_and_level_under_random_stalls(int width, int depth, bool blockRam, int seed)
    {
        var fifo = new SyncFifo(width, depth, blockRam);
        using var sim = Simulation.Create(VerilogEmitter.Emit(fifo));
        var push = new StreamDriver<ulong>(sim.Stream(fifo.Push), seed) { IdleSchedule = Schedules.Stepping(1500) };
        var popReady = new StreamReadyRandomizer(sim.Stream(fifo.Pop), seed + 100) { Schedule = Schedules.SteppingReady(2300, 2) };
        var scoreboard = new ScoreboardInOrder<ulong>(new StreamMonitor<ulong>(sim.Stream(fifo.Pop), collect: false));
        var checker = sim.Attach(new FifoLevelChecker(fifo, depth, blockRam));
        sim.Reset(2);

        var rng = new Random(seed);
        for (var i = 0; i < 80_000; i++)
        {
            var v = (ulong)rng.NextInt64(1L << width);
            push.Enqueue(v);
            scoreboard.Expect(v);
        }
        sim.RunUntil(() => push.IsDone && scoreboard.IsDone, 2_000_000, "all words through the FIFO");
        scoreboard.AssertDone();
        Assert.True(sim.Cycle >= MinimumCycles, $"only {sim.Cycle} cycles ran");
        Assert.Equal(80_000, scoreboard.Matched);
        Assert.True(checker.Checked >= MinimumCycles);
    }

    [Fact]
    public void Fifo_sustains_one_word_per_cycle_when_nothing_stalls()
    {
        var fifo = new SyncFifo(8, 5);
        using var sim = Simulation.Create(VerilogEmitter.Emit(fifo));
        var push = new StreamDriver<ulong>(sim.Stream(fifo.Push), 1);
        _ = new StreamReadyRandomizer(sim.Stream(fifo.Pop), 2) { ReadyProbability = 1.0 };
        var monitor = new StreamMonitor<ulong>(sim.Stream(fifo.Pop));
        sim.Reset();
        push.Enqueue(Enumerable.Range(0, 1000).Select(i => (ulong)(i & 255)));
        var cycles = sim.RunUntil(() => monitor.Count == 1000, 5000);
        Assert.InRange(cycles, 1000, 1003);
    }

    // ---- skid buffer ----------------------------------------------------------------------------

    /// <summary>The skid buffer's contract: no combinational path, so ready depends only on state.</summary>
    private sealed class RegisteredReadyChecker(SkidBuffer skid) : ICycleAgent
    {
        private bool? readyBeforeEdge;

        public void Drive(Simulation s)
        {
            // Inputs for this cycle are poked; the ready seen now must equal the one after settling.
            readyBeforeEdge = null;
        }

        public void Sample(Simulation s)
        {
            var ready = s.PeekBool(skid.Input.Ready);
            s.Poke(skid.Output.Ready, !s.PeekBool(skid.Output.Ready));
            s.Eval();
            if (s.PeekBool(skid.Input.Ready) != ready) throw s.Failure("the input's ready changed combinationally with the output's ready");
            s.Poke(skid.Output.Ready, !s.PeekBool(skid.Output.Ready));
            s.Eval();
            readyBeforeEdge = ready;
        }
    }

    [Fact]
    public void Skid_buffer_passes_packets_intact_with_no_combinational_ready_path()
    {
        var skid = new SkidBuffer(70, withLast: true);
        using var sim = Simulation.Create(VerilogEmitter.Emit(skid));
        var push = new StreamDriver<System.Numerics.BigInteger>(sim.Stream(skid.Input), 5) { IdleSchedule = Schedules.Stepping(1700) };
        _ = new StreamReadyRandomizer(sim.Stream(skid.Output), 6) { Schedule = Schedules.SteppingReady(2100, 3) };
        var scoreboard = new ScoreboardInOrder<System.Numerics.BigInteger>(new StreamMonitor<System.Numerics.BigInteger>(sim.Stream(skid.Output), collect: false));
        sim.Attach(new RegisteredReadyChecker(skid));
        sim.Reset();
        var rng = new Random(5);
        var total = 0;
        while (total < 90_000)
        {
            var packet = Enumerable.Range(0, rng.Next(1, 9))
                .Select(_ => (new System.Numerics.BigInteger(rng.NextInt64()) << 6) ^ rng.Next(64)).Select(v => v < 0 ? -v : v).ToList();
            push.EnqueuePacket(packet);
            scoreboard.ExpectPacket(packet);
            total += packet.Count;
        }
        sim.RunUntil(() => push.IsDone && scoreboard.IsDone, 2_000_000, "all packets through the skid buffer");
        scoreboard.AssertDone();
        Assert.True(sim.Cycle >= MinimumCycles, $"only {sim.Cycle} cycles ran");
    }

    // ---- arbiter --------------------------------------------------------------------------------

    /// <summary>A cycle-exact model of the round-robin arbiter, checked every cycle.</summary>
    private sealed class ArbiterModel(RoundRobinArbiter arbiter, int inputs, bool lockOnLast) : ICycleAgent
    {
        private int lastWinner = inputs - 1;
        private bool locked;
        private readonly bool[] valid = new bool[inputs];
        public long Grants { get; private set; }

        public void Drive(Simulation s)
        {
        }

        public void Sample(Simulation s)
        {
            for (var i = 0; i < inputs; i++) valid[i] = s.PeekBool(arbiter.Inputs[i].Valid);
            var winner = lastWinner;
            if (locked) winner = lastWinner;
            else
                for (var k = 1; k <= inputs; k++)
                {
                    var candidate = (lastWinner + k) % inputs;
                    if (valid[candidate])
                    {
                        winner = candidate;
                        break;
                    }
                }
            var grant = (int)s.Peek(arbiter.Grant);
            if (grant != winner) throw s.Failure($"Grant is {grant}, the round-robin model says {winner} (last winner {lastWinner}, locked {locked})");
            if (s.PeekBool(arbiter.Output.Valid) != valid[winner]) throw s.Failure("the output's valid differs from the granted input's valid");
            if (s.Peek(arbiter.Output.Payload) != s.Peek(arbiter.Inputs[winner].Payload)) throw s.Failure("the output's payload is not the granted input's payload");
            var ready = s.PeekBool(arbiter.Output.Ready);
            for (var i = 0; i < inputs; i++)
                if (s.PeekBool(arbiter.Inputs[i].Ready) != (ready && i == winner)) throw s.Failure($"input {i}'s ready is wrong");
            if (valid[winner] && ready)
            {
                lastWinner = winner;
                if (lockOnLast) locked = !s.PeekBool(arbiter.Output.Last!);
                Grants++;
            }
        }
    }

    [Theory]
    [InlineData(3, true, 21)]
    [InlineData(4, false, 22)]
    public void Arbiter_grants_in_round_robin_order_and_keeps_each_stream_in_order(int inputs, bool lockOnLast, int seed)
    {
        var arbiter = new RoundRobinArbiter(inputs, 8, lockOnLast);
        using var sim = Simulation.Create(VerilogEmitter.Emit(arbiter));
        var drivers = Enumerable.Range(0, inputs)
            .Select(i => new StreamDriver<ulong>(sim.Stream(arbiter.Inputs[i]), seed + i) { IdleSchedule = Schedules.Stepping(900 + 300 * i, i) })
            .ToList();
        _ = new StreamReadyRandomizer(sim.Stream(arbiter.Output), seed + 50) { Schedule = Schedules.SteppingReady(1300, 1) };
        var monitor = new StreamMonitor<ulong>(sim.Stream(arbiter.Output), collect: false);
        var model = sim.Attach(new ArbiterModel(arbiter, inputs, lockOnLast));
        var perInput = Enumerable.Range(0, inputs).Select(_ => new Queue<ulong>()).ToList();
        monitor.BeatFired += beat =>
        {
            // The payload carries the input index in its top bits, so order is checked per input.
            var source = (int)(beat.Payload >> 6);
            if (perInput[source].Count == 0 || perInput[source].Dequeue() != beat.Payload)
                throw sim.Failure($"beat 0x{beat.Payload:x} from input {source} is out of order or unexpected");
        };
        sim.Reset();
        var rng = new Random(seed);
        for (var n = 0; n < 70_000; n++)
        {
            var i = rng.Next(inputs);
            var packetLength = lockOnLast ? rng.Next(1, 5) : 1;
            var packet = Enumerable.Range(0, packetLength).Select(_ => (ulong)((i << 6) | rng.Next(64))).ToList();
            if (lockOnLast) drivers[i].EnqueuePacket(packet);
            else drivers[i].Enqueue(packet[0]);
            foreach (var v in packet) perInput[i].Enqueue(v);
        }
        sim.RunUntil(() => drivers.All(d => d.IsDone), 3_000_000, "every input stream drained");
        Assert.All(perInput, q => Assert.Empty(q));
        Assert.True(sim.Cycle >= MinimumCycles, $"only {sim.Cycle} cycles ran");
        Assert.Equal(monitor.Count, model.Grants);
    }

    // ---- counter --------------------------------------------------------------------------------

    [Fact]
    public void Counter_counts_wraps_at_its_limit_and_clears()
    {
        var counter = new Counter(5, limit: 20);
        using var sim = Simulation.Create(VerilogEmitter.Emit(counter));
        sim.Poke(counter.Enable, false);
        sim.Poke(counter.Clear, false);
        sim.Reset();
        var rng = new Random(3);
        ulong model = 0;
        var wraps = 0;
        for (var cycle = 0; cycle < MinimumCycles; cycle++)
        {
            var enable = rng.Next(4) != 0;
            var clear = rng.Next(50) == 0;
            sim.Poke(counter.Enable, enable);
            sim.Poke(counter.Clear, clear);
            sim.Eval();
            Assert.Equal(model, sim.Peek(counter.Count));
            var wrap = enable && model == 19;
            Assert.Equal(wrap, sim.PeekBool(counter.Wrap));
            if (wrap) wraps++;
            sim.Step();
            model = clear ? 0 : enable ? (model + 1) % 20 : model;
        }
        Assert.True(wraps > 1000);
    }
}
