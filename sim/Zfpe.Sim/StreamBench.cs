namespace Zfpe.Sim;

/// <summary>
/// The generic test bench of a stream component: sources (drivers under time-varying stall
/// profiles, fed by packet generators), sinks (ready under stall profiles, monitors, in-order
/// scoreboards) and a reference model between them, joined by <see cref="Model{TIn,TOut}"/> or the
/// sources' <see cref="StreamSource{T}.Generated"/> events; property checkers are plain
/// <see cref="ICycleAgent"/>s (<see cref="Check{TAgent}"/>). <see cref="Run"/> keeps the sources
/// busy for at least the requested cycles, drains the design, and fails on any mismatch, missing
/// or extra beat.
/// <code>
/// var bench = new StreamBench(sim, seed: 1);
/// var input = bench.Source&lt;ulong&gt;(sim.Stream(top.Input), StallProfile.Stepping(1500));
/// var output = bench.Sink&lt;ulong&gt;(sim.Stream(top.Output), StallProfile.Random(2300, 7));
/// input.Packets = r =&gt; [(ulong)r.Next(256)];
/// bench.Model(input, output, (v, last) =&gt; [(v, last)]);     // the reference: identity
/// var result = bench.Run(minCycles: 100_000);
/// </code>
/// Disposing the bench detaches its agents, so that another bench can run on the same simulation.
/// </summary>
public sealed class StreamBench : IDisposable
{
    private readonly List<ICycleAgent> _agents = [];
    private readonly List<Func<bool>> _sourcesDone = [];
    private readonly List<Action<int>> _topUps = [];
    private readonly List<Func<long>> _sent = [];
    private readonly List<Func<bool>> _sinksDone = [];
    private readonly List<Action> _sinkAsserts = [];
    private readonly List<Func<long>> _matched = [];
    private int _seed;

    public StreamBench(Simulation simulation, int seed)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        Simulation = simulation;
        _seed = seed;
    }

    public Simulation Simulation { get; }

    /// <summary>Beats kept queued per source while generating (the driver never runs dry of work, its stall profile decides).</summary>
    public int Window { get; set; } = 64;

    /// <summary>Cycles run after the last expected beat, to catch beats the design should not send.</summary>
    public int QuietCycles { get; set; } = 64;

    /// <summary>A producer on input stream <paramref name="ports"/> (default stalls: stepping every 1,500 cycles).</summary>
    public StreamSource<T> Source<T>(StreamPorts ports, StallProfile? stalls = null, PayloadCodec<T>? codec = null)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var source = new StreamSource<T>(ports, NextSeed(), stalls ?? StallProfile.Stepping(1500, _topUps.Count), codec);
        _sourcesDone.Add(() => source.IsDone);
        _topUps.Add(source.TopUp);
        _sent.Add(() => source.Driver.Sent);
        _agents.Add(source.Driver);
        return source;
    }

    /// <summary>A consumer on output stream <paramref name="ports"/> (default stalls: random levels every 2,300 cycles).</summary>
    public StreamSink<T> Sink<T>(StreamPorts ports, StallProfile? stalls = null, PayloadCodec<T>? codec = null, int lanes = 1, Func<T, int>? laneOf = null)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var seed = NextSeed();
        var sink = new StreamSink<T>(ports, seed, stalls ?? StallProfile.Random(2300, seed), codec, lanes, laneOf);
        _sinksDone.Add(() => sink.IsDone);
        _sinkAsserts.Add(sink.AssertDone);
        _matched.Add(() => sink.Matched);
        _agents.Add(sink.Ready);
        _agents.Add(sink.Monitor);
        return sink;
    }

    /// <summary>A one-input, one-output reference: every generated beat of <paramref name="source"/> becomes the expected beats <paramref name="reference"/> returns (a null last: not checked).</summary>
    public void Model<TIn, TOut>(StreamSource<TIn> source, StreamSink<TOut> sink, Func<TIn, bool, IEnumerable<(TOut Value, bool? Last)>> reference)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(reference);
        source.Generated += (value, last) =>
        {
            foreach (var (v, l) in reference(value, last)) sink.Expect(v, l);
        };
    }

    /// <summary>Attaches a property checker that runs every cycle.</summary>
    public TAgent Check<TAgent>(TAgent agent) where TAgent : ICycleAgent
    {
        _agents.Add(agent);
        return Simulation.Attach(agent);
    }

    /// <summary>Detaches every driver, ready randomizer, monitor and checker of this bench from the simulation.</summary>
    public void Dispose()
    {
        foreach (var agent in _agents) Simulation.Detach(agent);
        _agents.Clear();
    }

    /// <summary>
    /// Resets the design (when it has not run yet), generates traffic until at least
    /// <paramref name="minCycles"/> cycles have run, then drains: every expected beat must arrive
    /// (in order per lane) within <paramref name="maxCycles"/> cycles in all, and no other beat may.
    /// </summary>
    public StreamBenchResult Run(long minCycles, long maxCycles = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minCycles);
        if (maxCycles <= 0) maxCycles = 20 * minCycles + 100_000;
        var sim = Simulation;
        if (sim.Cycle == 0 && sim.ResetPort is not null) sim.Reset(2);
        var start = sim.Cycle;
        const int chunk = 16;
        while (sim.Cycle - start < minCycles)
        {
            foreach (var topUp in _topUps) topUp(Window);
            sim.Step(chunk);
        }
        var left = maxCycles - (sim.Cycle - start);
        if (left <= 0) throw sim.Failure($"the bench ran {sim.Cycle - start} cycles, more than its limit of {maxCycles}");
        sim.RunUntil(AllDone, left, "every expected beat through the design");
        sim.Step(QuietCycles);
        foreach (var a in _sinkAsserts) a();
        return new StreamBenchResult(sim.Cycle - start, _sent.Select(s => s()).ToList(), _matched.Select(m => m()).ToList());
    }

    // Checked every cycle while draining: plain loops, no allocation.
    private bool AllDone()
    {
        foreach (var done in _sinksDone)
            if (!done()) return false;
        foreach (var done in _sourcesDone)
            if (!done()) return false;
        return true;
    }

    private int NextSeed() => unchecked(_seed++ * 7919 + 17);
}
