namespace Zfpe.Sim;

/// <summary>
/// Runs a whole input stream through a design and collects what comes out, for tools that run a
/// design on files (`zfpe sim`): the simulator's own <see cref="StreamDriver{T}"/> feeds the beats
/// with seeded random idle cycles, a <see cref="StreamReadyRandomizer"/> applies backpressure with
/// the same probability, and a <see cref="StreamMonitor{T}"/> collects the output beats. Nothing
/// is checked here: tests use <see cref="StreamBench"/>.
/// </summary>
public static class StreamRunner
{
    /// <summary>
    /// Resets the design, sends <paramref name="beats"/> (payload words; <c>last</c> on the final
    /// one where the stream has it) and runs until <paramref name="outputBeats"/> beats came out.
    /// </summary>
    public static StreamRunResult Run(Simulation simulation, StreamPorts input, StreamPorts output,
        IReadOnlyList<uint[]> beats, long outputBeats, double stall, int seed)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(beats);
        Probability.Check(stall, nameof(stall));
        var driver = new StreamDriver<uint[]>(input, seed, PayloadCodecs.Words) { IdleProbability = stall };
        var ready = new StreamReadyRandomizer(output, seed + 1) { ReadyProbability = 1 - stall };
        var monitor = new StreamMonitor<uint[]>(output, PayloadCodecs.Words);
        try
        {
            for (var i = 0; i < beats.Count; i++) driver.Enqueue(beats[i], last: input.Last is not null && i == beats.Count - 1);
            simulation.Reset(2);
            var start = simulation.Cycle;
            // Even at the largest stall probability allowed, a beat gets through within this many cycles on average.
            var limit = 200L * (Math.Max(beats.Count, outputBeats) + 64) / Math.Max(0.01, (1 - stall) * (1 - stall));
            simulation.RunUntil(() => monitor.Count >= outputBeats, (long)limit, $"{outputBeats} beats out of {output.Name}");
            return new StreamRunResult(monitor.Payloads.ToList(), simulation.Cycle - start);
        }
        finally
        {
            simulation.Detach(driver);
            simulation.Detach(ready);
            simulation.Detach(monitor);
        }
    }
}
