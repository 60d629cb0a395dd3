namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// A codec core on the shared <see cref="StreamBench"/>: the input goes in as packets (one per
/// stream, ended by <c>last</c>) under a source stall profile, the output comes out under a sink
/// stall profile into an in-order scoreboard fed by the reference (the bench's model); with
/// debug ports the stages are checked too. Beats carry arrays of <typeparamref name="TIn"/> and
/// <typeparamref name="TOut"/> (values or blocks, <see cref="ZfpeBeats"/>).
/// </summary>
public abstract class CodecBench<TIn, TOut>
{
    private readonly CodecStalls _stalls;
    private readonly int _seed;
    private List<long>? _inputCycles, _outputCycles;

    protected CodecBench(Simulation simulation, ZfpeCoreConfig config, CodecStalls stalls, int seed)
    {
        Simulation = simulation;
        Config = config;
        Parameters = ReferenceParameters(config);
        _stalls = stalls;
        _seed = seed;
    }

    public Simulation Simulation { get; }

    /// <summary>The reference's parameters for a core's configuration, the encoder's rounding included.</summary>
    public static ZfpeParameters ReferenceParameters(ZfpeCoreConfig config) =>
        new(config.B, config.ExponentBits, config.Split, config.Rounding switch
        {
            PayloadRounding.Truncate => ZfpeRounding.Truncate,
            PayloadRounding.Nearest => ZfpeRounding.Nearest,
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Rounding, "a rounding the reference does not have"),
        });

    protected ZfpeCoreConfig Config { get; }

    protected ZfpeParameters Parameters { get; }

    /// <summary>The input, one packet (stream) of beats after another.</summary>
    protected List<TIn[][]> Packets { get; } = [];

    /// <summary>Records the cycle of every input beat and output beat (for the latency and throughput test).</summary>
    public void RecordCycles()
    {
        _inputCycles = [];
        _outputCycles = [];
    }

    public IReadOnlyList<long> InputCycles => _inputCycles ?? [];
    public IReadOnlyList<long> OutputCycles => _outputCycles ?? [];

    /// <summary>Everything the core produced, in order (filled only when <see cref="Keep"/> is set).</summary>
    public List<TOut> Produced { get; } = [];
    public bool Keep { get; init; }

    protected abstract StreamPorts Input { get; }
    protected abstract StreamPorts Output { get; }
    protected abstract PayloadCodec<TIn[]> InputCodec { get; }
    protected abstract PayloadCodec<TOut[]> OutputCodec { get; }
    protected abstract int Latency { get; }

    /// <summary>The reference as the bench's model: the expected output beats (and their last) for each input beat.</summary>
    protected abstract Func<TIn[], bool, IEnumerable<(TOut[] Value, bool? Last)>> Reference();

    /// <summary>The debug port checks, or null without debug ports.</summary>
    protected abstract DebugStageChecks? StageChecks();

    /// <summary>The output beats the core must deliver.</summary>
    protected abstract long OutputBeats { get; }

    protected virtual void BeforeRun()
    {
    }

    /// <summary>Resets the core, runs every stream through it and returns the cycles taken and the output beats checked.</summary>
    protected (long Cycles, long BeatsOut) RunBench()
    {
        var sim = Simulation;
        BeforeRun();
        if (sim.Cycle != 0) sim.Reset(2); // a fresh simulation is reset by the bench
        using var bench = new StreamBench(sim, _seed) { QuietCycles = Math.Max(64, Latency + 4) };
        var source = bench.Source(Input, _stalls.Source(_seed), InputCodec);
        var sink = bench.Sink(Output, _stalls.Sink(_seed), OutputCodec);
        bench.Model(source, sink, Reference());
        if (StageChecks() is { } checks) bench.Check(checks);
        if (_inputCycles is { } inputs)
            bench.Check(new StreamMonitor<TIn[]>(source.Stream, InputCodec, collect: false)).BeatFired += beat => inputs.Add(beat.Cycle);
        sink.Monitor.BeatFired += beat =>
        {
            _outputCycles?.Add(beat.Cycle);
            if (Keep) Produced.AddRange(beat.Payload);
        };
        foreach (var packet in Packets) source.Send(packet);
        var beats = Math.Max(Packets.Sum(p => (long)p.Length), OutputBeats);
        var result = bench.Run(minCycles: 0, maxCycles: 64L * (beats + 64) * (_stalls.IsNone ? 1 : 8));
        return (result.Cycles, result.BeatsOut[0]);
    }
}
