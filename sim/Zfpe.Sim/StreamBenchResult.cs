namespace Zfpe.Sim;

/// <summary>What a <see cref="StreamBench"/> run did: cycles simulated (reset excluded), beats sent per source and checked per sink.</summary>
public sealed record StreamBenchResult(long Cycles, IReadOnlyList<long> BeatsIn, IReadOnlyList<long> BeatsOut);
