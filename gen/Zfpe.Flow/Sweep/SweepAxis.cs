namespace Zfpe.Flow.Sweep;

/// <summary>One swept parameter and the values it takes, in the order given (`--set lanes=1,2,4,8`).</summary>
public sealed record SweepAxis(string Parameter, IReadOnlyList<string> Values);
