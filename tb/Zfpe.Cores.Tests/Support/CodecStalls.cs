namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// Input gaps and output backpressure for the codec benches, as the shared bench's stall
/// profiles: each side's stall probability is drawn again every <see cref="Period"/> cycles
/// (seeded) from its levels, so a run mixes full-rate stretches with heavily stalled ones (as
/// SpinalSim's FIFO tests vary push/pop ratios). For the sink a level is the chance that ready is low.
/// </summary>
public sealed record CodecStalls(double[] SourceLevels, double[] SinkLevels, int Period = 1024)
{
    /// <summary>No gaps, consumer always ready: the full-throughput case.</summary>
    public static CodecStalls None { get; } = new([0.0], [0.0]);

    /// <summary>Random gaps and backpressure, changing over time.</summary>
    public static CodecStalls Random { get; } = new([0.0, 0.0, 0.1, 0.5, 0.9], [0.0, 0.0, 0.1, 0.5, 0.9]);

    public bool IsNone => SourceLevels.All(l => l == 0) && SinkLevels.All(l => l == 0);

    public StallProfile Source(int seed) => IsNone ? StallProfile.None : StallProfile.Random(Period, seed, SourceLevels);

    public StallProfile Sink(int seed) => IsNone ? StallProfile.None : StallProfile.Random(Period, seed + 1, SinkLevels);
}
