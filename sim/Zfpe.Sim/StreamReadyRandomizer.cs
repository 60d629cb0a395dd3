namespace Zfpe.Sim;

/// <summary>
/// Drives the ready of an output stream of the design at random (seeded), to apply backpressure;
/// the probability may change over time through <see cref="Schedule"/> or between steps.
/// Attaches itself to the simulation.
/// </summary>
public sealed class StreamReadyRandomizer : ICycleAgent
{
    private readonly Random _random;
    private double _readyProbability = 0.5;

    public StreamReadyRandomizer(StreamPorts stream, int seed)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.RequireDirection(input: false, "a StreamReadyRandomizer");
        Stream = stream;
        _random = new Random(seed);
        stream.Simulation.Attach(this);
    }

    public StreamPorts Stream { get; }

    /// <summary>Chance that ready is high in a cycle (1 = no backpressure).</summary>
    public double ReadyProbability
    {
        get => _readyProbability;
        set => _readyProbability = Probability.Check(value, nameof(ReadyProbability));
    }

    /// <summary>Ready probability as a function of the cycle; when set, it replaces <see cref="ReadyProbability"/>.</summary>
    public Func<long, double>? Schedule { get; set; }

    public void Drive(Simulation simulation)
    {
        var p = Schedule is { } schedule ? Probability.Check(schedule(simulation.Cycle), nameof(Schedule)) : _readyProbability;
        simulation.Poke(Stream.Ready, p >= 1 || (p > 0 && _random.NextDouble() < p) ? 1UL : 0UL);
    }

    public void Sample(Simulation simulation)
    {
    }
}
