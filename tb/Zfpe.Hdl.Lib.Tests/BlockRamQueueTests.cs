using Zfpe.Hdl.Lib.Ecp5;

namespace Zfpe.Hdl.Lib.Tests;

/// <summary>The block-RAM queue read through the DP16KD output register: order under random stalls, fill to capacity, one word per cycle, the primitives after Yosys.</summary>
public class BlockRamQueueTests
{
    private static Simulation Create(BlockRamQueue queue, string test) =>
        Simulation.Create(Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(queue)), new SimOptions { Name = $"block-ram-queue-{test}" });

    [Theory]
    [InlineData(32, 1)]
    [InlineData(18, 2)]
    [InlineData(40, 3)]
    public void Queue_keeps_every_word_in_order_under_random_stalls(int width, int seed)
    {
        var queue = new BlockRamQueue(width);
        VerilogTools.AssertLintClean(Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(queue)));
        using var sim = Create(queue, $"w{width}");
        var bench = new StreamBench(sim, seed);
        var push = bench.Source<ulong>(sim.Stream(queue.Push), StallProfile.Stepping(1500));
        var pop = bench.Sink<ulong>(sim.Stream(queue.Pop), StallProfile.Random(2300, seed));
        push.Packets = r => Enumerable.Range(0, r.Next(1, 9)).Select(_ => (ulong)r.NextInt64(1L << width)).ToList();
        bench.Model(push, pop, (v, _) => [(v, null)]);
        Cosim.AssertLongEnough(bench.Run(Cosim.MinimumCycles));
    }

    [Fact]
    public void It_holds_its_capacity_and_then_gives_one_word_per_cycle()
    {
        var queue = new BlockRamQueue(32);
        using var sim = Create(queue, "capacity");
        sim.Reset(2);
        var total = BlockRamQueue.Capacity + BlockRamQueue.OutputDepth;
        sim.Poke(queue.Pop.Ready, false);
        var pushed = 0;
        for (var cycle = 0; cycle < total + 50; cycle++)
        {
            sim.Poke(queue.Push.Valid, true);
            sim.Poke(queue.Push.Payload, (ulong)(uint)(pushed * 2654435761u));
            sim.Eval();
            if (sim.PeekBool(queue.Push.Ready)) pushed++;
            sim.Step();
        }
        Assert.Equal(total, pushed);
        sim.Poke(queue.Push.Valid, false);
        sim.Poke(queue.Pop.Ready, true);
        var popped = 0;
        for (var cycle = 0; cycle < total; cycle++)
        {
            sim.Eval();
            Assert.True(sim.PeekBool(queue.Pop.Valid), $"no word in cycle {cycle} of draining a full queue (after {popped} words)");
            Assert.Equal((ulong)(uint)(popped * 2654435761u), sim.Peek(queue.Pop.Payload));
            popped++;
            sim.Step();
        }
        sim.Eval();
        Assert.False(sim.PeekBool(queue.Pop.Valid));
    }

    [Fact]
    public void It_is_two_DP16KD_at_32_bits()
    {
        var (ok, stat) = VerilogTools.SynthEcp5(VerilogEmitter.Emit(new BlockRamQueue(32)));
        Assert.True(ok, stat);
        Assert.Matches(@"DP16KD\s+2\b", stat);
    }
}
