using System.Diagnostics;
using Zfpe.Cores.Float;
using Zfpe.Hdl;
using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Reference.Float;
using Zfpe.Sim;

namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// Simulations of the float cores (the MULT18X18D model appended where the multiplier uses one)
/// and the shared stream bench around them: operand pairs in under random input gaps, results
/// out under random backpressure, each checked against the reference in order.
/// </summary>
public static class FloatCores
{
    public static SimpleFloatFormat Format(FloatCoreConfig c) => new(c.M, c.GuardBits);

    public static EmittedDesign Design(Component core) => Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(core));

    public static Simulation Create(Component core, FloatCoreConfig c, string test) =>
        Simulation.Create(Design(core), new SimOptions { Name = $"{core.GetType().Name}-m{c.M}-g{c.GuardBits}-l{c.LevelsPerStage}-{test}" });

    /// <summary>Runs every pair through the core under time-varying stalls and checks each result, in order, against <paramref name="reference"/>.</summary>
    public static StreamBenchResult Run(Simulation sim, Stream<FloatOperands> input, Stream<UInt> output,
        IReadOnlyList<ulong> pairs, Func<uint, uint, uint> reference, int seed)
    {
        var bench = new StreamBench(sim, seed);
        var source = bench.Source<ulong>(sim.Stream(input), Zfpe.Sim.StallProfile.Random(1500, seed));
        var sink = bench.Sink<uint>(sim.Stream(output), Zfpe.Sim.StallProfile.Random(2300, seed + 1));
        bench.Model(source, sink, (v, _) => [(reference((uint)v, (uint)(v >> 32)), null)]);
        source.Send(pairs);
        var watch = Stopwatch.StartNew();
        var result = bench.Run(minCycles: 0, maxCycles: 40L * pairs.Count + 100_000);
        Console.WriteLine($"{sim.Design.TopModule}: {pairs.Count} pairs in {result.Cycles} cycles, {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(pairs.Count, result.BeatsOut[0]);
        return result;
    }

    /// <summary>
    /// Full throughput and the documented latency: with a pair offered every cycle and the output
    /// always ready, the core takes one per cycle and result i appears <paramref name="latency"/> cycles after pair i.
    /// </summary>
    public static void AssertThroughputAndLatency(Simulation sim, Stream<FloatOperands> input, Stream<UInt> output,
        IReadOnlyList<ulong> pairs, Func<uint, uint, uint> reference, int latency)
    {
        sim.Reset(2);
        var inValid = sim.Port(input.Valid);
        var inReady = sim.Port(input.Ready);
        var inPayload = sim.Port(input.Payload);
        var outValid = sim.Port(output.Valid);
        var outReady = sim.Port(output.Ready);
        var outPayload = sim.Port(output.Payload);
        sim.Poke(outReady, true);
        var received = 0;
        for (var cycle = 0; cycle < pairs.Count + latency + 4; cycle++)
        {
            var offering = cycle < pairs.Count;
            sim.Poke(inValid, offering);
            sim.Poke(inPayload, offering ? pairs[cycle] : 0UL);
            sim.Eval();
            if (offering) Assert.True(sim.PeekBool(inReady), $"cycle {cycle}: the core refused a pair with the output ready");
            if (sim.PeekBool(outValid))
            {
                Assert.True(cycle == received + latency, $"result {received} came at cycle {cycle}, not {received + latency} (latency {latency})");
                var pair = pairs[received];
                Assert.Equal(reference((uint)pair, (uint)(pair >> 32)), (uint)sim.Peek(outPayload));
                received++;
            }
            sim.Step();
        }
        Assert.Equal(pairs.Count, received);
    }

    public static List<ulong> Pairs(int count, int seed, Func<Random, (uint A, uint B)> next)
    {
        var r = new Random(seed);
        var pairs = new List<ulong>(count);
        for (var i = 0; i < count; i++) pairs.Add(FloatPairs.Pack(next(r)));
        return pairs;
    }
}
