namespace Zfpe.Sim;

/// <summary>
/// A simulation failed at a known cycle: the design stopped ($stop, a Verilator fatal error), a
/// check failed, or a wait timed out. The message always ends with where the waves are (or how to
/// record them).
/// </summary>
public class SimulationException(string message, long cycle, string? wavePath) : Exception(message)
{
    /// <summary>The clock cycle (counted from 0 at creation) at which the failure was seen.</summary>
    public long Cycle { get; } = cycle;

    /// <summary>The wave file covering the failure, or null when waves were off.</summary>
    public string? WavePath { get; } = wavePath;
}
