namespace Zfpe.Hdl.Lib.Tests.Support;

/// <summary>What every stream test runs for.</summary>
public static class Cosim
{
    /// <summary>Cycles each co-simulation test runs at least (reset excluded).</summary>
    public const long MinimumCycles = 100_000;

    /// <summary>Asserts a hand-driven co-simulation ran at least <see cref="MinimumCycles"/> cycles.</summary>
    public static void AssertRanLongEnough(Zfpe.Sim.Simulation sim) =>
        Assert.True(sim.Cycle >= MinimumCycles, $"only {sim.Cycle} cycles ran");

    /// <summary>Asserts a bench run lasted long enough and moved traffic.</summary>
    public static void AssertLongEnough(Zfpe.Sim.StreamBenchResult result, long minimumBeatsOut = 10_000)
    {
        Assert.True(result.Cycles >= MinimumCycles, $"only {result.Cycles} cycles ran");
        Assert.True(result.BeatsOut.Sum() >= minimumBeatsOut, $"only {result.BeatsOut.Sum()} beats were checked");
    }

    /// <summary>
    /// Resets, sends 1000 beats (i mod 256) through a stream part that nothing stalls and returns
    /// the cycles until the last one left (<see cref="Zfpe.Sim.Simulation.RunUntil"/>'s count).
    /// </summary>
    public static long CyclesForThousandUnstalledBeats(Zfpe.Sim.Simulation sim, Zfpe.Sim.StreamPorts input, Zfpe.Sim.StreamPorts output)
    {
        var push = new Zfpe.Sim.StreamDriver<ulong>(input, 1);
        _ = new Zfpe.Sim.StreamReadyRandomizer(output, 2) { ReadyProbability = 1.0 };
        var monitor = new Zfpe.Sim.StreamMonitor<ulong>(output);
        sim.Reset();
        push.Enqueue(Enumerable.Range(0, 1000).Select(i => (ulong)(i & 255)));
        return sim.RunUntil(() => monitor.Count == 1000, 5000);
    }
}
