namespace Zfpe.Hdl.Tests.Support;

/// <summary>
/// Stall probabilities that change over time, so that a long run goes through every regime:
/// free flow, light and heavy stalls, a starved consumer (the design fills up) and a starved
/// producer (it drains).
/// </summary>
public static class Schedules
{
    private static readonly double[] Levels = [0.0, 0.25, 0.6, 0.95, 0.1, 0.8];

    /// <summary>A probability that steps through <see cref="Levels"/>, changing every <paramref name="period"/> cycles.</summary>
    public static Func<long, double> Stepping(int period, int offset = 0) =>
        cycle => Levels[(int)((cycle / period + offset) % Levels.Length)];

    /// <summary>The complement, for ready probabilities.</summary>
    public static Func<long, double> SteppingReady(int period, int offset = 0)
    {
        var idle = Stepping(period, offset);
        return cycle => 1.0 - idle(cycle);
    }
}
