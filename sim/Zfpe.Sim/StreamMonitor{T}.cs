namespace Zfpe.Sim;

/// <summary>
/// Watches a stream (of either direction) and reports every beat that fires: collected in
/// <see cref="Beats"/> unless told not to (long runs), and passed to <see cref="BeatFired"/>
/// (a <see cref="ScoreboardInOrder{T}"/> subscribes there). Attaches itself to the simulation.
/// </summary>
public sealed class StreamMonitor<T> : ICycleAgent
{
    private readonly List<StreamBeat<T>> _beats = [];
    private readonly uint[] _words;

    public StreamMonitor(StreamPorts stream, PayloadCodec<T>? codec = null, bool collect = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Stream = stream;
        Codec = codec ?? PayloadCodecs.Default<T>();
        Collect = collect;
        _words = new uint[stream.Payload.Words];
        stream.Simulation.Attach(this);
    }

    public StreamPorts Stream { get; }
    public PayloadCodec<T> Codec { get; }

    /// <summary>Whether fired beats are kept in <see cref="Beats"/>.</summary>
    public bool Collect { get; set; }

    public IReadOnlyList<StreamBeat<T>> Beats => _beats;

    /// <summary>The payloads of <see cref="Beats"/>, in order.</summary>
    public IEnumerable<T> Payloads => _beats.Select(b => b.Payload);

    /// <summary>Beats fired so far, collected or not.</summary>
    public long Count { get; private set; }

    /// <summary>Called for each beat in the cycle it fires, before the rising edge.</summary>
    public event Action<StreamBeat<T>>? BeatFired;

    public void Drive(Simulation simulation)
    {
    }

    public void Sample(Simulation simulation)
    {
        if (simulation.Peek(Stream.Valid) == 0 || simulation.Peek(Stream.Ready) == 0) return;
        simulation.PeekWords(Stream.Payload, _words);
        var beat = new StreamBeat<T>(Codec.Decode(_words, Stream.Payload), Stream.Last is { } last && simulation.Peek(last) != 0, simulation.Cycle);
        Count++;
        if (Collect) _beats.Add(beat);
        BeatFired?.Invoke(beat);
    }
}
