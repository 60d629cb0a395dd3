namespace Zfpe.Sim;

/// <summary>
/// Compares values seen in the design, in order, with the values a reference model expects, and
/// fails on the first difference with the cycle, the signal, expected and actual, and the waves.
/// Fed by a <see cref="StreamMonitor{T}"/> (beats and their <c>last</c> flag) or by <see cref="Check"/>.
/// </summary>
public sealed class ScoreboardInOrder<T>
{
    private readonly Queue<(T Value, bool? Last)> _expected = new();
    private readonly Func<T, T, bool> _equal;
    private readonly Func<T, string> _format;

    /// <summary>Checks every beat of <paramref name="monitor"/>'s stream as it fires.</summary>
    public ScoreboardInOrder(StreamMonitor<T> monitor)
        : this(monitor.Stream.Simulation, monitor.Stream.Payload.Name, monitor.Codec)
    {
        LastSignal = monitor.Stream.Last?.Name;
        monitor.BeatFired += beat => Check(beat.Payload, beat.Last);
    }

    /// <summary>A scoreboard for values the test reads itself from <paramref name="signal"/>.</summary>
    public ScoreboardInOrder(Simulation simulation, string signal, PayloadCodec<T>? codec = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentException.ThrowIfNullOrEmpty(signal);
        Simulation = simulation;
        Signal = signal;
        codec ??= HasDefaultCodec() ? PayloadCodecs.Default<T>() : null;
        _equal = codec is null ? EqualityComparer<T>.Default.Equals : codec.AreEqual;
        _format = codec is null ? v => v?.ToString() ?? "null" : codec.Format;
    }

    public Simulation Simulation { get; }

    /// <summary>The signal named in a payload mismatch.</summary>
    public string Signal { get; }

    /// <summary>The signal named in a <c>last</c> mismatch (null when the stream has none).</summary>
    public string? LastSignal { get; }

    /// <summary>Values that arrived and matched.</summary>
    public long Matched { get; private set; }

    /// <summary>Expected values still to arrive.</summary>
    public int Pending => _expected.Count;

    /// <summary>Every expected value has arrived.</summary>
    public bool IsDone => _expected.Count == 0;

    /// <summary>Expects <paramref name="value"/> next; if <paramref name="last"/> is given, the beat's last flag is checked too.</summary>
    public void Expect(T value, bool? last = null) => _expected.Enqueue((value, last));

    public void Expect(IEnumerable<T> values)
    {
        foreach (var v in values) Expect(v);
    }

    /// <summary>Expects one packet: last low on every beat but the final one.</summary>
    public void ExpectPacket(IEnumerable<T> values)
    {
        var list = values.ToList();
        for (var i = 0; i < list.Count; i++) Expect(list[i], i == list.Count - 1);
    }

    /// <summary>Checks the next value; throws <see cref="ScoreboardMismatchException"/> on the first difference.</summary>
    public void Check(T actual, bool actualLast = false)
    {
        var index = Matched;
        if (!_expected.TryDequeue(out var expected))
            throw Mismatch(Signal, index, "nothing more (every expected value has arrived)", _format(actual));
        if (!_equal(expected.Value, actual))
            throw Mismatch(Signal, index, _format(expected.Value), _format(actual));
        if (expected.Last is { } last && last != actualLast)
            throw Mismatch(LastSignal ?? Signal + " last", index, last ? "1" : "0", actualLast ? "1" : "0");
        Matched++;
    }

    /// <summary>Throws when expected values never arrived (call it after the run).</summary>
    public void AssertDone()
    {
        if (_expected.Count > 0)
            throw Simulation.Failure(
                $"scoreboard on {Signal}: {_expected.Count} expected values never arrived after {Matched} matched; the next expected is {_format(_expected.Peek().Value)}");
    }

    private ScoreboardMismatchException Mismatch(string signal, long index, string expected, string actual)
    {
        Simulation.FlushWaves();
        var cycle = Simulation.Cycle;
        return new ScoreboardMismatchException(
            $"scoreboard mismatch on {signal} at cycle {cycle} (wave time {10 * cycle}), value #{index} of simulation '{Simulation.Name}': " +
            $"expected {expected}, actual {actual}; {Simulation.WaveNote}",
            cycle, Simulation.WavePath, signal, index, expected, actual);
    }

    private static bool HasDefaultCodec()
    {
        try
        {
            PayloadCodecs.Default<T>();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
