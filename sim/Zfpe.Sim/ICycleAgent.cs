namespace Zfpe.Sim;

/// <summary>
/// Something that takes part in every clock cycle of a <see cref="Simulation"/> it is attached to:
/// stream drivers, monitors, ready randomisers, or a test's own checker. Keep both methods free of
/// allocations: they run millions of times.
/// </summary>
public interface ICycleAgent
{
    /// <summary>Before the cycle settles: poke the inputs for this cycle. Never read outputs here.</summary>
    void Drive(Simulation simulation);

    /// <summary>After the inputs settled, before the rising edge: read what fires at this edge.</summary>
    void Sample(Simulation simulation);
}
