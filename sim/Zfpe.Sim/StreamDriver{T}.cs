namespace Zfpe.Sim;

/// <summary>
/// Feeds queued payloads into an input stream of the design, with seeded random idle cycles. A
/// beat, once offered, stays on the port until the design takes it (valid never drops early).
/// Attaches itself to the stream's simulation.
/// </summary>
public sealed class StreamDriver<T> : ICycleAgent
{
    private readonly Queue<(T Value, bool Last)> _queue = new();
    private readonly uint[] _words;
    private readonly Random _random;
    private double _idleProbability;
    private bool _offering;

    public StreamDriver(StreamPorts stream, int seed, PayloadCodec<T>? codec = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.RequireDirection(input: true, "a StreamDriver");
        Stream = stream;
        Codec = codec ?? PayloadCodecs.Default<T>();
        _random = new Random(seed);
        _words = new uint[stream.Payload.Words];
        stream.Simulation.Poke(stream.Valid, 0UL);
        stream.Simulation.Attach(this);
    }

    public StreamPorts Stream { get; }
    public PayloadCodec<T> Codec { get; }

    /// <summary>Chance, per cycle in which a beat could start, that the driver stays idle instead (0 = never, 1 = always).</summary>
    public double IdleProbability
    {
        get => _idleProbability;
        set => _idleProbability = Probability.Check(value, nameof(IdleProbability));
    }

    /// <summary>Idle probability as a function of the cycle; when set, it replaces <see cref="IdleProbability"/>.</summary>
    public Func<long, double>? IdleSchedule { get; set; }

    /// <summary>Beats the design has taken.</summary>
    public long Sent { get; private set; }

    /// <summary>Beats not yet taken, including the one on the port.</summary>
    public int Pending => _queue.Count + (_offering ? 1 : 0);

    public bool IsDone => Pending == 0;

    public void Enqueue(T value, bool last = false)
    {
        if (last && Stream.Last is null)
            throw new ArgumentException($"stream '{Stream.Name}' has no {Stream.Name}_last port, so a beat cannot be marked last.", nameof(last));
        _queue.Enqueue((value, last));
    }

    public void Enqueue(IEnumerable<T> values)
    {
        foreach (var v in values) Enqueue(v);
    }

    /// <summary>Queues one packet: <c>last</c> is set on its final beat.</summary>
    public void EnqueuePacket(IEnumerable<T> values)
    {
        var list = values.ToList();
        if (list.Count == 0) throw new ArgumentException("a packet needs at least one beat.", nameof(values));
        for (var i = 0; i < list.Count; i++) Enqueue(list[i], last: i == list.Count - 1);
    }

    public void Drive(Simulation simulation)
    {
        if (_offering) return;
        var idle = IdleSchedule is { } schedule ? Probability.Check(schedule(simulation.Cycle), nameof(IdleSchedule)) : _idleProbability;
        if (_queue.Count == 0 || (idle > 0 && _random.NextDouble() < idle))
        {
            simulation.Poke(Stream.Valid, 0UL);
            return;
        }
        var (value, last) = _queue.Dequeue();
        Codec.Encode(value, Stream.Payload, _words);
        simulation.Poke(Stream.Payload, (ReadOnlySpan<uint>)_words);
        if (Stream.Last is { } lastPort) simulation.Poke(lastPort, last ? 1UL : 0UL);
        simulation.Poke(Stream.Valid, 1UL);
        _offering = true;
    }

    public void Sample(Simulation simulation)
    {
        if (_offering && simulation.Peek(Stream.Ready) != 0)
        {
            _offering = false;
            Sent++;
        }
    }
}
