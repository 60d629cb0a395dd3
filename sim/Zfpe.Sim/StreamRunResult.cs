namespace Zfpe.Sim;

/// <summary>What a <see cref="StreamRunner"/> run produced: the output beats' payload words, in order, and the cycles taken (reset excluded).</summary>
public sealed record StreamRunResult(IReadOnlyList<uint[]> Output, long Cycles);
