namespace Zfpe.Sim;

/// <summary>
/// A <see cref="StreamBench"/>'s consumer on one output stream of the design: ready under a
/// <see cref="StallProfile"/>, a monitor, and in-order scoreboards, one per lane. With one lane the
/// output must be exactly the expected sequence; with several (a lane function of the payload,
/// such as the input a merged beat came from), each lane must be in order while lanes may
/// interleave as the design's arbitration decides.
/// </summary>
public sealed class StreamSink<T>
{
    private readonly ScoreboardInOrder<T>[] _lanes;
    private readonly Func<T, int>? _laneOf;

    internal StreamSink(StreamPorts ports, int seed, StallProfile stalls, PayloadCodec<T>? codec, int lanes, Func<T, int>? laneOf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        if (lanes > 1 && laneOf is null) throw new ArgumentException("several lanes need a lane function.", nameof(laneOf));
        Stalls = stalls;
        Ready = new StreamReadyRandomizer(ports, seed) { Schedule = stalls.ReadyAt };
        Monitor = new StreamMonitor<T>(ports, codec, collect: false);
        _laneOf = laneOf;
        _lanes = Enumerable.Range(0, lanes)
            .Select(i => new ScoreboardInOrder<T>(ports.Simulation, lanes == 1 ? ports.Payload.Name : $"{ports.Payload.Name} (lane {i})", Monitor.Codec))
            .ToArray();
        Monitor.BeatFired += beat => _lanes[LaneOf(beat.Payload)].Check(beat.Payload, beat.Last);
    }

    public StreamReadyRandomizer Ready { get; }

    public StreamMonitor<T> Monitor { get; }

    public StreamPorts Stream => Monitor.Stream;

    public StallProfile Stalls { get; }

    /// <summary>Beats that arrived and matched, over every lane.</summary>
    public long Matched => _lanes.Sum(l => l.Matched);

    /// <summary>Expected beats still to arrive, over every lane.</summary>
    public int Pending => _lanes.Sum(l => l.Pending);

    public bool IsDone
    {
        get
        {
            foreach (var l in _lanes)
                if (!l.IsDone) return false;
            return true;
        }
    }

    /// <summary>Expects <paramref name="value"/> next in its lane; when <paramref name="last"/> is given the beat's last flag is checked too.</summary>
    public void Expect(T value, bool? last = null) => _lanes[LaneOf(value)].Expect(value, last);

    internal void AssertDone()
    {
        foreach (var l in _lanes) l.AssertDone();
    }

    private int LaneOf(T value)
    {
        if (_laneOf is null) return 0;
        var lane = _laneOf(value);
        if ((uint)lane >= (uint)_lanes.Length)
            throw Stream.Simulation.Failure($"{Stream.Name}: the lane function put {Monitor.Codec.Format(value)} in lane {lane}, but there are {_lanes.Length} lanes");
        return lane;
    }
}
