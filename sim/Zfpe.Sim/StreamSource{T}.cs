namespace Zfpe.Sim;

/// <summary>
/// A <see cref="StreamBench"/>'s producer on one input stream of the design: a <see cref="StreamDriver{T}"/>
/// under a <see cref="StallProfile"/>, fed with packets from <see cref="Packets"/> as the bench needs
/// them. Each generated beat is announced on <see cref="Generated"/>, where the reference model
/// turns it into expected output beats.
/// </summary>
public sealed class StreamSource<T>
{
    private readonly Random _random;

    internal StreamSource(StreamPorts ports, int seed, StallProfile stalls, PayloadCodec<T>? codec)
    {
        _random = new Random(seed);
        Stalls = stalls;
        Driver = new StreamDriver<T>(ports, seed, codec) { IdleSchedule = stalls.At };
    }

    public StreamDriver<T> Driver { get; }

    public StreamPorts Stream => Driver.Stream;

    public StallProfile Stalls { get; }

    /// <summary>Makes the next packet (one or more beats; <c>last</c> marks its final beat when the stream has last). Without it the source sends nothing.</summary>
    public Func<Random, IReadOnlyList<T>>? Packets { get; set; }

    /// <summary>Called for every beat generated, in order, with its last flag (false on a stream without last).</summary>
    public event Action<T, bool>? Generated;

    /// <summary>When true the bench may end with beats of this source not taken (a join's longer input).</summary>
    public bool MayEndWithPending { get; set; }

    /// <summary>Beats generated so far.</summary>
    public long Count { get; private set; }

    internal bool IsDone => MayEndWithPending || Driver.IsDone;

    /// <summary>Queues <paramref name="values"/> as one packet (as if generated).</summary>
    public void Send(IReadOnlyList<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("a packet needs at least one beat.", nameof(values));
        var hasLast = Stream.Last is not null;
        for (var i = 0; i < values.Count; i++)
        {
            var last = hasLast && i == values.Count - 1;
            Driver.Enqueue(values[i], last);
            Count++;
            Generated?.Invoke(values[i], last);
        }
    }

    internal void TopUp(int window)
    {
        if (Packets is null) return;
        while (Driver.Pending < window) Send(Packets(_random));
    }
}
