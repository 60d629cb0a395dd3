namespace Zfpe.Sim;

/// <summary><see cref="Simulation.RunUntil"/> ran out of cycles before its condition held.</summary>
public sealed class SimulationTimeoutException(string message, long cycle, string? wavePath, long maxCycles)
    : SimulationException(message, cycle, wavePath)
{
    public long MaxCycles { get; } = maxCycles;
}
