namespace Zfpe.Hdl.Lib.Tests;

/// <summary>The typed queue: order, last and level under random stalls, in both storages.</summary>
public class StreamQueueTests
{
    /// <summary>Level equals the beats pushed minus the beats popped, every cycle.</summary>
    private sealed class LevelChecker<T>(StreamQueue<T> queue) : ICycleAgent where T : class, IHdlData
    {
        private long held;

        public void Drive(Simulation simulation)
        {
        }

        public void Sample(Simulation s)
        {
            var level = (long)s.Peek(queue.Level);
            if (level != held) throw s.Failure($"Level is {level} but {held} words are held");
            held += (s.PeekBool(queue.Push.Valid) && s.PeekBool(queue.Push.Ready) ? 1 : 0) - (s.PeekBool(queue.Pop.Valid) && s.PeekBool(queue.Pop.Ready) ? 1 : 0);
        }
    }

    public static TheoryData<int, int, QueueStorage, bool> Configurations() => new()
    {
        { 8, 5, QueueStorage.Lut, false },
        { 3, 1, QueueStorage.Lut, true },
        { 18, 32, QueueStorage.BlockRam, true },
        { 7, 3, QueueStorage.BlockRam, false },
        { 9, 6, QueueStorage.Registers, true },
        { 5, 1, QueueStorage.Registers, false },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Queue_keeps_order_last_and_level_under_random_stalls(int width, int depth, QueueStorage storage, bool withLast)
    {
        var queue = new StreamQueue<UInt>(Shape.UInt(width), depth, storage, withLast);
        using var sim = LintCleanSimulation.Create(queue);
        var bench = new StreamBench(sim, seed: width * 100 + depth);
        var push = bench.Source<ulong>(sim.Stream(queue.Push), StallProfile.Stepping(1500));
        var pop = bench.Sink<ulong>(sim.Stream(queue.Pop), StallProfile.Random(2300, depth));
        push.Packets = r => Enumerable.Range(0, r.Next(1, 6)).Select(_ => (ulong)r.NextInt64(1L << width)).ToList();
        bench.Model(push, pop, (v, last) => [(v, withLast ? last : null)]);
        bench.Check(new LevelChecker<UInt>(queue));
        Cosim.AssertLongEnough(bench.Run(Cosim.MinimumCycles));
    }

    [Fact]
    public void Queue_of_a_bundle_keeps_every_field()
    {
        var queue = new StreamQueue<Sample>(Sample.Shape, 4, withLast: true);
        using var sim = LintCleanSimulation.Create(queue);
        var bench = new StreamBench(sim, seed: 4);
        var push = bench.Source<ulong>(sim.Stream(queue.Push));
        var pop = bench.Sink<ulong>(sim.Stream(queue.Pop));
        push.Packets = r => Enumerable.Range(0, r.Next(1, 4)).Select(_ => (ulong)r.Next(1 << 16)).ToList();
        bench.Model(push, pop, (v, last) => [(v, last)]);
        Cosim.AssertLongEnough(bench.Run(Cosim.MinimumCycles));
    }

    [Theory]
    [InlineData(QueueStorage.Lut, 1)]
    [InlineData(QueueStorage.BlockRam, 4)]
    public void Queue_sustains_one_beat_per_cycle_with_its_documented_latency(QueueStorage storage, int latency)
    {
        Assert.Equal(latency, StreamQueue<UInt>.Latency(storage, 4));
        var queue = new StreamQueue<UInt>(Shape.UInt(8), 4, storage);
        using var sim = Simulation.Create(VerilogEmitter.Emit(queue));
        var cycles = Cosim.CyclesForThousandUnstalledBeats(sim, sim.Stream(queue.Push), sim.Stream(queue.Pop));
        Assert.Equal(1000 + latency - 1, cycles - 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Register_chain_moves_one_beat_per_two_cycles_after_its_latency(int depth)
    {
        var queue = new StreamQueue<UInt>(Shape.UInt(8), depth, QueueStorage.Registers);
        using var sim = Simulation.Create(VerilogEmitter.Emit(queue));
        var push = new StreamDriver<ulong>(sim.Stream(queue.Push), 1);
        _ = new StreamReadyRandomizer(sim.Stream(queue.Pop), 2) { ReadyProbability = 1.0 };
        var monitor = new StreamMonitor<ulong>(sim.Stream(queue.Pop));
        sim.Reset();
        push.Enqueue(Enumerable.Range(0, 1000).Select(i => (ulong)(i & 255)));
        var cycles = sim.RunUntil(() => monitor.Count == 1000, 5000);
        // the first word out after depth cycles, then one every other cycle
        Assert.Equal(depth + 2 * 999, cycles - 1);
    }
}
