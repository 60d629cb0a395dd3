namespace Zfpe.Hdl.Lib.Tests.Support;

/// <summary>What every stream test runs for.</summary>
public static class Cosim
{
    /// <summary>Cycles each co-simulation test runs at least (reset excluded).</summary>
    public const long MinimumCycles = 100_000;

    /// <summary>Asserts a bench run lasted long enough and moved traffic.</summary>
    public static void AssertLongEnough(Zfpe.Sim.StreamBenchResult result, long minimumBeatsOut = 10_000)
    {
        Assert.True(result.Cycles >= MinimumCycles, $"only {result.Cycles} cycles ran");
        Assert.True(result.BeatsOut.Sum() >= minimumBeatsOut, $"only {result.BeatsOut.Sum()} beats were checked");
    }
}
