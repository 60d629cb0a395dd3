using System.Diagnostics;
using Zfpe.Cores.Float;
using Zfpe.Hdl;
using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Reference.Float;

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
    /// Full throughput and the documented latency, on the shared bench without stalls: the core
    /// takes a pair every cycle and result i (checked against <paramref name="reference"/>)
    /// appears <paramref name="latency"/> cycles after pair i went in.
    /// </summary>
    public static void AssertThroughputAndLatency(Simulation sim, Stream<FloatOperands> input, Stream<UInt> output,
        IReadOnlyList<ulong> pairs, Func<uint, uint, uint> reference, int latency)
    {
        using var bench = new StreamBench(sim, seed: 1);
        var source = bench.Source<ulong>(sim.Stream(input), Zfpe.Sim.StallProfile.None);
        var sink = bench.Sink<uint>(sim.Stream(output), Zfpe.Sim.StallProfile.None);
        bench.Model(source, sink, (v, _) => [(reference((uint)v, (uint)(v >> 32)), null)]);
        var inputs = new List<long>();
        var outputs = new List<long>();
        bench.Check(new StreamMonitor<ulong>(source.Stream, collect: false)).BeatFired += beat => inputs.Add(beat.Cycle);
        sink.Monitor.BeatFired += beat => outputs.Add(beat.Cycle);
        source.Send(pairs);
        var result = bench.Run(minCycles: 0, maxCycles: pairs.Count + latency + 1000);
        Assert.Equal(pairs.Count, result.BeatsOut[0]);
        for (var i = 1; i < inputs.Count; i++)
            Assert.True(inputs[i] == inputs[i - 1] + 1, $"pair {i} waited {inputs[i] - inputs[i - 1] - 1} cycles: the core must take a pair every cycle with the output ready");
        for (var i = 0; i < outputs.Count; i++)
            Assert.True(outputs[i] == inputs[i] + latency, $"result {i} came {outputs[i] - inputs[i]} cycles after its pair, not {latency} (latency)");
    }

    public static List<ulong> Pairs(int count, int seed, Func<Random, (uint A, uint B)> next)
    {
        var r = new Random(seed);
        var pairs = new List<ulong>(count);
        for (var i = 0; i < count; i++) pairs.Add(FloatPairs.Pack(next(r)));
        return pairs;
    }
}
