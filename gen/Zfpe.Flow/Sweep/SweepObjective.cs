namespace Zfpe.Flow.Sweep;

/// <summary>One axis of the Pareto front: a figure of a point and whether more of it is better.</summary>
public sealed record SweepObjective(string Name, string Unit, bool Maximise, Func<SweepPointResult, double?> Value)
{
    /// <summary>The value turned so that larger is always better (area is negated).</summary>
    public double Oriented(SweepPointResult p) => Value(p) is { } v ? (Maximise ? v : -v) : double.NegativeInfinity;
}
