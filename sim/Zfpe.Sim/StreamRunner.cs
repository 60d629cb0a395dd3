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
        ArgumentNullException.ThrowIfNull(beats);
        return Run(simulation, [new StreamFeed(input, [beats])], output, outputBeats, stall, seed);
    }

    /// <summary>
    /// Resets the design, sends every feed (each its packets, <c>last</c> on a packet's final beat
    /// where the stream has it, each stream with its own seeded idle cycles) and runs until
    /// <paramref name="outputBeats"/> beats came out of <paramref name="output"/>.
    /// </summary>
    public static StreamRunResult Run(Simulation simulation, IReadOnlyList<StreamFeed> inputs, StreamPorts output,
        long outputBeats, double stall, int seed)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(inputs);
        Probability.Check(stall, nameof(stall));
        var drivers = new List<StreamDriver<uint[]>>();
        var ready = new StreamReadyRandomizer(output, seed + 1) { ReadyProbability = 1 - stall };
        var monitor = new StreamMonitor<uint[]>(output, PayloadCodecs.Words);
        try
        {
            long inputBeats = 0;
            for (var n = 0; n < inputs.Count; n++)
            {
                var feed = inputs[n];
                var driver = new StreamDriver<uint[]>(feed.Port, seed + 2 * n, PayloadCodecs.Words) { IdleProbability = stall };
                drivers.Add(driver);
                foreach (var packet in feed.Packets)
                    for (var i = 0; i < packet.Count; i++)
                        driver.Enqueue(packet[i], last: feed.Port.Last is not null && i == packet.Count - 1);
                inputBeats = Math.Max(inputBeats, feed.Packets.Sum(p => (long)p.Count));
            }
            simulation.Reset(2);
            var start = simulation.Cycle;
            // Even at the largest stall probability allowed, a beat gets through within this many cycles on average.
            var limit = 200L * (Math.Max(inputBeats, outputBeats) + 64) / Math.Max(0.01, (1 - stall) * (1 - stall));
            simulation.RunUntil(() => monitor.Count >= outputBeats, (long)limit, $"{outputBeats} beats out of {output.Name}");
            return new StreamRunResult(monitor.Payloads.ToList(), simulation.Cycle - start);
        }
        finally
        {
            foreach (var driver in drivers) simulation.Detach(driver);
            simulation.Detach(ready);
            simulation.Detach(monitor);
        }
    }
}
