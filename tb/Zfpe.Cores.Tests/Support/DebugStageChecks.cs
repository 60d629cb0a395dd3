namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// A bench check (<see cref="StreamBench.Check{TAgent}"/>) over a core's debug ports: in every
/// cycle a stage's valid is high, its coefficients are checked against the reference's, in order.
/// </summary>
public sealed class DebugStageChecks(int blockLanes, Func<string, int, string, string, Exception> failure) : ICycleAgent
{
    private readonly List<(SimPort Valid, SimPort Data, DebugStage Stage, Action<int, int>? Also, uint[] Words)> _stages = [];

    /// <summary>Checks <paramref name="stage"/> on <paramref name="data"/> whenever <paramref name="valid"/> is high; <paramref name="also"/> checks more of block j (lane g) first.</summary>
    public DebugStageChecks Add(SimPort valid, SimPort data, DebugStage stage, Action<int, int>? also = null)
    {
        _stages.Add((valid, data, stage, also, new uint[data.Words]));
        return this;
    }

    public void Drive(Simulation simulation)
    {
    }

    public void Sample(Simulation simulation)
    {
        foreach (var (valid, data, stage, also, words) in _stages)
        {
            if (simulation.Peek(valid) == 0) continue;
            simulation.PeekWords(data, words);
            stage.Check(words, blockLanes, failure, also);
        }
    }
}
