using Zfpe.Tools;
using System.Diagnostics;
using Zfpe.Hdl;

namespace Zfpe.Flow.Sweep;

/// <summary>
/// Runs a sweep: every point of the space is generated, synthesised with Yosys through the
/// <see cref="FlowRunner"/> (into DIR/points/&lt;id&gt;/synth) and, where nextpnr-ecp5 exists, placed
/// and routed out of context once per seed (DIR/points/&lt;id&gt;/pnr-seed-N), with at most
/// <see cref="SweepOptions.Jobs"/> tool runs at a time. Every stage goes through the shared
/// content-addressed <see cref="StageCache"/>, so re-running or extending a sweep only runs the
/// tools for points (and seeds) whose inputs are new. A point whose generation or tool fails is
/// recorded as failed with the reason and the others go on.
/// </summary>
public sealed class SweepRunner(ToolLocator tools, Action<SweepProgress>? progress = null)
{
    public const string PointsDirectory = "points";
    public const string SynthDirectory = "synth";

    public static string SeedDirectory(int seed) => $"pnr-seed-{seed}";

    /// <summary>
    /// Runs the sweep and returns its result (write it with <see cref="SweepOutputs"/>). Throws
    /// <see cref="ArgumentException"/> for bad options, unknown parameters or values out of range
    /// before any tool runs, and <see cref="MissingToolException"/> when Yosys is missing.
    /// </summary>
    public SweepResult Run(SweepDesign design, SweepSpace space, SweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        space.CheckParameters(design.Name, design.ParameterNames);
        var points = space.Points();
        // Every point is resolved before any tool runs: a bad value stops the sweep at once.
        var resolved = points.Select(p => design.Resolve(p.AsDictionary())).ToList();

        var yosys = tools.Require(ToolKind.Yosys);
        var notes = new List<string>();
        ToolLocation? nextpnr = null;
        if (options.PlaceAndRoute)
        {
            var found = tools.Locate(ToolKind.NextpnrEcp5);
            if (found.Found) nextpnr = found;
            else notes.Add($"Place and route was skipped: {found.MissingMessage()} Without it there is no Fmax, so the Fmax, throughput and efficiency columns are empty; the logic depth (Yosys) is the timing figure.");
        }
        else
        {
            notes.Add("Place and route was not requested (--steps synth): the Fmax, throughput and efficiency columns are empty; the logic depth (Yosys) is the timing figure.");
        }

        var state = new RunState(design, options, points, resolved, yosys, nextpnr);
        Directory.CreateDirectory(state.Out);
        var queue = new SweepWorkQueue(options.Jobs);
        for (var i = 0; i < points.Count; i++)
        {
            var index = i;
            queue.Add(() => Synthesize(state, queue, index));
        }
        queue.RunToCompletion();

        var results = state.Results.Select(r => r!).ToList();
        return new SweepResult(
            SweepResult.CurrentFormat,
            design.Name,
            options.Device.Name,
            options.Device.PartNumber,
            options.FrequencyMhz,
            SweepOptions.Format(options.Steps),
            options.Seeds,
            space.Axes,
            design.ParameterNames,
            design.QualityDatasets,
            notes,
            BuildManifest.ReadGit(Directory.GetCurrentDirectory()),
            results,
            SweepRunStatistics.Of(results, state.Clock.Elapsed.TotalSeconds),
            DateTimeOffset.UtcNow);
    }

    /// <summary>The point's board pins, for a design with pads (<see cref="HasPads"/>).</summary>
    public const string PinsFile = "pins.lpf";

    /// <summary>
    /// A design with an inout port or flip-flops to pack into I/O cells (<c>syn_useioff</c>):
    /// nextpnr cannot place it out of context, so its sweep places it on the board's pins.
    /// </summary>
    public static bool HasPads(Zfpe.Hdl.Emit.EmittedDesign design) =>
        design.TopPorts.Any(p => p.Direction == Zfpe.Hdl.Emit.PortDirection.InOut)
        || design.Files.Any(f => f.Text.Contains("syn_useioff", StringComparison.Ordinal));

    private void Synthesize(RunState s, SweepWorkQueue queue, int index)
    {
        var point = s.Points[index];
        var work = new PointWork(point, s.Resolved[index], Path.Combine(s.Out, PointsDirectory, point.Id), s.Options.PlaceAndRoute ? s.Options.Seeds : 0);
        Report(s, started: true, $"started {point}");
        var watch = Stopwatch.StartNew();
        try
        {
            work.Quality = s.Design.Quality?.Invoke(work.Parameters) ?? [];
            work.ValuesPerCycle = s.Design.ValuesPerCycle?.Invoke(work.Parameters);
            work.Measurements = s.Design.Measure?.Invoke(work.Parameters) ?? [];
            var emitted = s.Design.Emit(work.Parameters);
            work.TopModule = emitted.TopModule;
            if (HasPads(emitted) && s.Board.MissingPorts(emitted).Count == 0)
            {
                System.IO.Directory.CreateDirectory(work.Directory);
                File.WriteAllText(Path.Combine(work.Directory, PinsFile), s.Board.RenderFor(emitted));
                work.Lpf = Path.Combine("..", PinsFile);
            }
            var synthDirectory = Path.Combine(work.Directory, SynthDirectory);
            var flowOptions = new FlowOptions(s.Options.Device, s.Options.FrequencyMhz, FlowOptions.DefaultSeed, synthDirectory)
            {
                CacheDirectory = s.Cache.Root,
                ToolTimeout = s.Options.ToolTimeout,
            };
            var result = new FlowRunner(tools, s.Board).Run(new FlowRequest(s.Design.Name, work.Parameters, emitted), flowOptions, FlowTarget.Synthesis);
            var stage = result.Stage("synth");
            var saved = stage.Status == StageStatus.Reused
                ? SweepPlaceAndRoute.RecordedSeconds(Path.Combine(synthDirectory, FlowRunner.LogDirectory, "yosys.log"))
                : null;
            work.Synth = new SweepStageOutcome(stage.Status, stage.Seconds, saved, stage.Detail);
            work.Synthesis = SweepSynthesis.From(result.Report.Synthesis!);
        }
        catch (ToolFailedException e)
        {
            work.Synth = new SweepStageOutcome(StageStatus.Failed, Math.Round(watch.Elapsed.TotalSeconds, 2), null, e.ErrorLines.FirstOrDefault());
            work.Error = e.Message;
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or HdlException or MissingToolException or UnauthorizedAccessException)
        {
            // Generation refused the combination (e.g. a cross-parameter check), or a file problem.
            work.Synth = SweepStageOutcome.NotRun("the design could not be generated or synthesised");
            work.Error = e.Message;
        }

        if (work.Error is not null || !s.Options.PlaceAndRoute)
        {
            Complete(s, index, work);
            return;
        }
        if (s.Nextpnr is null)
        {
            var skipped = new SweepStageOutcome(StageStatus.MissingTool, 0, null, "nextpnr-ecp5 is not installed");
            foreach (var seed in s.Options.SeedList)
                work.Seeds[seed - 1] = new SweepSeedResult(seed, skipped, null, null, new Dictionary<string, long>());
            Complete(s, index, work);
            return;
        }
        foreach (var seed in s.Options.SeedList)
        {
            var n = seed;
            queue.Add(() => PlaceAndRoute(s, index, work, n), urgent: true);
        }
    }

    private void PlaceAndRoute(RunState s, int index, PointWork work, int seed)
    {
        var directory = Path.Combine(work.Directory, SeedDirectory(seed));
        var netlist = Path.Combine("..", SynthDirectory, work.TopModule + ".json");
        var watch = Stopwatch.StartNew();
        SweepSeedResult result;
        try
        {
            result = SweepPlaceAndRoute.Run(s.Nextpnr!, s.Cache, directory, netlist, work.TopModule!, s.Options.Device, s.Options.FrequencyMhz, seed,
                s.Options.ToolTimeout, s.Options.Timing, work.Lpf);
        }
        catch (Exception e) when (e is ToolFailedException or InvalidDataException or IOException)
        {
            var first = e is ToolFailedException t ? t.ErrorLines.FirstOrDefault() ?? e.Message : e.Message;
            result = new SweepSeedResult(seed, new SweepStageOutcome(StageStatus.Failed, Math.Round(watch.Elapsed.TotalSeconds, 2), null, first),
                null, null, new Dictionary<string, long>());
        }
        bool last;
        lock (work)
        {
            work.Seeds[seed - 1] = result;
            last = work.Seeds.All(r => r is not null);
        }
        if (last) Complete(s, index, work);
    }

    private void Complete(RunState s, int index, PointWork w)
    {
        var seeds = w.Seeds.Where(r => r is not null).Select(r => r!).ToList();
        var failedSeeds = seeds.Where(r => r.PlaceAndRoute.Status == StageStatus.Failed).ToList();
        var error = w.Error ?? (failedSeeds.Count > 0
            ? $"place and route failed for seed {string.Join(", ", failedSeeds.Select(r => r.Seed))}: {failedSeeds[0].PlaceAndRoute.Detail}"
            : null);
        var result = new SweepPointResult(w.Point.Id, w.Point.AsDictionary(), w.Parameters, w.TopModule, w.Synth, w.Synthesis, seeds,
            w.Quality, w.ValuesPerCycle, s.Yosys.Version, s.Nextpnr?.Version, error, w.Measurements);
        s.Results[index] = result;
        Report(s, started: false, Describe(result), result);
    }

    private static string Describe(SweepPointResult r)
    {
        var name = string.Join(" ", r.Swept.Select(kv => $"{kv.Key}={kv.Value}"));
        if (name.Length == 0) name = "(defaults)";
        if (r.Error is not null) return $"FAILED {name}: {r.Error.Split('\n')[0].Trim()}";
        var text = $"done {name}: synth {r.Synth.Label} {r.Synth.Seconds:0.0} s";
        if (r.Seeds.Count > 0)
        {
            var labels = r.Seeds.GroupBy(x => x.PlaceAndRoute.Label).Select(g => $"{g.Count()} {g.Key}");
            text += $", pnr {string.Join(", ", labels)}";
        }
        if (r.FmaxMedian is { } f) text += $", Fmax {r.FmaxMin:0.0}/{f:0.0}/{r.FmaxMax:0.0} MHz";
        if (r.Synthesis is { } syn) text += $", {syn.Lut4} LUT4";
        return text;
    }

    private void Report(RunState s, bool started, string message, SweepPointResult? finished = null)
    {
        SweepProgress snapshot;
        lock (s.ProgressGate)
        {
            if (started) s.Running++;
            else
            {
                s.Running--;
                s.Done++;
                if (finished!.Failed) s.Failed++;
                if (finished.FullyReused) s.Cached++;
                else s.Fresh++;
            }
            var elapsed = s.Clock.Elapsed;
            TimeSpan? remaining = s.Fresh > 0 ? elapsed * ((double)(s.Points.Count - s.Done) / s.Fresh) : null;
            snapshot = new SweepProgress(s.Points.Count, s.Done, s.Running, s.Cached, s.Failed, elapsed, remaining, message);
            progress?.Invoke(snapshot);
        }
    }

    private sealed class RunState(
        SweepDesign design, SweepOptions options, IReadOnlyList<SweepPoint> points,
        IReadOnlyList<IReadOnlyDictionary<string, string>> resolved, ToolLocation yosys, ToolLocation? nextpnr)
    {
        public SweepDesign Design { get; } = design;
        public SweepOptions Options { get; } = options;
        public IReadOnlyList<SweepPoint> Points { get; } = points;
        public IReadOnlyList<IReadOnlyDictionary<string, string>> Resolved { get; } = resolved;
        public ToolLocation Yosys { get; } = yosys;
        public ToolLocation? Nextpnr { get; } = nextpnr;
        public string Out { get; } = Path.GetFullPath(options.OutputDirectory);
        public StageCache Cache { get; } = new(options.EffectiveCacheDirectory);
        public BoardConstraints Board { get; } = BoardConstraints.Ulx3s();
        public SweepPointResult?[] Results { get; } = new SweepPointResult?[points.Count];
        public Stopwatch Clock { get; } = Stopwatch.StartNew();
        public object ProgressGate { get; } = new();
        public int Running { get; set; }
        public int Done { get; set; }
        public int Cached { get; set; }
        public int Failed { get; set; }
        public int Fresh { get; set; }
    }

    private sealed class PointWork(SweepPoint point, IReadOnlyDictionary<string, string> parameters, string directory, int seeds)
    {
        public SweepPoint Point { get; } = point;
        public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;
        public string Directory { get; } = directory;
        public SweepStageOutcome Synth { get; set; } = SweepStageOutcome.NotRun("not started");
        public SweepSynthesis? Synthesis { get; set; }
        public IReadOnlyList<SweepQuality> Quality { get; set; } = [];

        public IReadOnlyList<SweepMeasurement> Measurements { get; set; } = [];
        public int? ValuesPerCycle { get; set; }
        public string? TopModule { get; set; }

        /// <summary>The board pins of a design with pads, relative to a seed's directory; null: out of context.</summary>
        public string? Lpf { get; set; }
        public string? Error { get; set; }
        public SweepSeedResult?[] Seeds { get; } = new SweepSeedResult?[seeds];
    }
}
