namespace Zfpe.Sim;

/// <summary>The first value a <see cref="ScoreboardInOrder{T}"/> saw that differs from the expected one.</summary>
public sealed class ScoreboardMismatchException(
    string message, long cycle, string? wavePath, string signal, long index, string expected, string actual)
    : SimulationException(message, cycle, wavePath)
{
    /// <summary>The port that carried the wrong value, e.g. <c>out_payload</c> or <c>out_last</c>.</summary>
    public string Signal { get; } = signal;

    /// <summary>Position of the value in the checked sequence, from 0.</summary>
    public long Index { get; } = index;

    public string Expected { get; } = expected;

    public string Actual { get; } = actual;
}
