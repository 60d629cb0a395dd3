namespace Zfpe.Hdl.Lib.Tests;

/// <summary>Co-simulation of the synchronous FIFO: order, level, full and empty every cycle, and its throughput (at least 100,000 cycles, time-varying random valid/ready).</summary>
public class SyncFifoTests
{
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
        var push = new StreamDriver<ulong>(sim.Stream(fifo.Push), seed) { IdleSchedule = StallProfile.Stepping(1500).At };
        var popReady = new StreamReadyRandomizer(sim.Stream(fifo.Pop), seed + 100) { Schedule = StallProfile.Stepping(2300, 2).ReadyAt };
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
        Cosim.AssertRanLongEnough(sim);
        Assert.Equal(80_000, scoreboard.Matched);
        Assert.True(checker.Checked >= Cosim.MinimumCycles);
    }

    [Fact]
    public void Fifo_sustains_one_word_per_cycle_when_nothing_stalls()
    {
        var fifo = new SyncFifo(8, 5);
        using var sim = Simulation.Create(VerilogEmitter.Emit(fifo));
        var cycles = Cosim.CyclesForThousandUnstalledBeats(sim, sim.Stream(fifo.Push), sim.Stream(fifo.Pop));
        Assert.InRange(cycles, 1000, 1003);
    }
}
