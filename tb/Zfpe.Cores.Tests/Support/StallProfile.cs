namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// How often the input idles and the output applies backpressure. Both probabilities are drawn
/// again every <see cref="Period"/> cycles from the given choices, so a run mixes full-rate
/// stretches with heavily stalled ones (as SpinalSim's FIFO tests vary push/pop ratios).
/// </summary>
public sealed record StallProfile(double[] IdleChoices, double[] ReadyChoices, int Period = 1024)
{
    /// <summary>No gaps, consumer always ready: the full-throughput case.</summary>
    public static StallProfile None { get; } = new([0.0], [1.0]);

    /// <summary>Random gaps and backpressure, changing over time.</summary>
    public static StallProfile Random { get; } = new([0.0, 0.0, 0.1, 0.5, 0.9], [1.0, 1.0, 0.9, 0.5, 0.1]);
}
