using Zfpe.Tools;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Zfpe.Flow.Timing;
using Zfpe.Hdl.Emit;

namespace Zfpe.Flow;

/// <summary>
/// Drives the open ECP5 flow for one design into one build directory:
/// RTL → constraints check → Yosys (netlist, cell counts, depth) → nextpnr-ecp5 (config, report)
/// → ecppack (.bit), then the worst timing paths of clocks that fail or nearly fail, named as the
/// C# source names them (<see cref="TimingPathAnalysis"/>), and report.json, report.txt and
/// manifest.json. Each tool stage is keyed by
/// the hash of its inputs and reused from the <see cref="StageCache"/> when unchanged. When a
/// tool is missing or fails, the flow stops at that stage after writing everything before it,
/// including a report and manifest that say where it stopped, and throws
/// <see cref="MissingToolException"/> or <see cref="ToolFailedException"/>.
/// </summary>
public sealed class FlowRunner(ToolLocator tools, BoardConstraints board, Action<string>? progress = null)
{
    public const string ReportJsonFile = "report.json";
    public const string ReportTextFile = "report.txt";
    public const string ManifestFile = "manifest.json";
    public const string RtlDirectory = "rtl";
    public const string LogDirectory = "logs";

    private const string StatFile = "stat.json";
    private const string DepthFile = "ltp.txt";
    private const string NextpnrReportFile = "nextpnr-report.json";

    public FlowResult Run(FlowRequest request, FlowOptions options, FlowTarget target)
    {
        ArgumentNullException.ThrowIfNull(request);
        options.Validate();
        var state = new RunState(request, options, target, new StageCache(options.EffectiveCacheDirectory));
        Directory.CreateDirectory(state.Out);
        // What an earlier run placed and packed belongs to that run: a run that stops before those
        // stages must not leave a bitstream behind that looks like its own (make program would load it).
        foreach (var stale in new[] { state.ConfigFile, NextpnrReportFile, state.BitFile })
            File.Delete(Path.Combine(state.Out, stale));
        try
        {
            WriteRtl(state);
            if (target == FlowTarget.Bitstream) CheckConstraints(state);
            else state.Unconstrained = board.MissingPorts(request.Design);
            Synthesize(state);
            if (target == FlowTarget.Bitstream)
            {
                PlaceAndRoute(state);
                Pack(state);
            }
        }
        finally
        {
            // Also on the way out of a failure: the report and manifest say where the flow stopped.
            WriteReportAndManifest(state);
        }
        return new FlowResult(state.Out, state.Report!, state.Bitstream);
    }

    private void WriteRtl(RunState s)
    {
        var rtl = Path.Combine(s.Out, RtlDirectory);
        // Only the Verilog an earlier run wrote (its manifest lists it) is removed: --out may name a
        // directory whose rtl/ holds files of the user's own, which synthesis never reads anyway.
        foreach (var stale in PreviousRtl(s.Out))
            File.Delete(Path.Combine(s.Out, stale));
        foreach (var path in s.Request.Design.WriteTo(rtl))
            s.Inputs[Relative(s, path)] = FlowHash.OfFile(path);
        if (s.Request.Design.SourceMap is { } map)
        {
            var path = Path.Combine(rtl, DesignSourceMap.FileName);
            File.WriteAllText(path, map.ToJson(), new UTF8Encoding(false));
            s.Inputs[Relative(s, path)] = FlowHash.OfFile(path);
        }
    }

    /// <summary>The rtl/ files (relative paths) the manifest of an earlier run in <paramref name="directory"/> lists as its inputs.</summary>
    private static IEnumerable<string> PreviousRtl(string directory)
    {
        var path = Path.Combine(directory, ManifestFile);
        if (!File.Exists(path))
            return [];
        BuildManifest manifest;
        try
        {
            manifest = BuildManifest.FromJson(File.ReadAllText(path));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
        {
            return [];
        }
        return (manifest.Inputs ?? new Dictionary<string, string>()).Keys
            .Where(k => k.StartsWith(RtlDirectory + "/", StringComparison.Ordinal)
                        && (k.EndsWith(".v", StringComparison.Ordinal) || k.EndsWith("/" + DesignSourceMap.FileName, StringComparison.Ordinal))
                        && Path.GetFileName(k) == k[(RtlDirectory.Length + 1)..])
            .Where(k => File.Exists(Path.Combine(directory, k)));
    }

    private void CheckConstraints(RunState s)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var lpf = board.RenderFor(s.Request.Design);
            File.WriteAllText(Path.Combine(s.Out, s.LpfFile), lpf);
            s.Inputs[s.LpfFile] = FlowHash.OfText(lpf);
            s.SetStage("constraints", "-", StageStatus.Ran, null, watch, $"every port has a pin in {board.SourceName}");
            Say($"[constraints] every port of {s.Top} has a pin in {board.SourceName}; wrote {s.LpfFile}");
        }
        catch (UnconstrainedPortsException e)
        {
            s.Unconstrained = e.MissingPorts;
            s.SetStage("constraints", "-", StageStatus.Failed, null, watch, $"no pin for {string.Join(", ", e.MissingPorts)}");
            throw;
        }
    }

    private void Synthesize(RunState s)
    {
        var files = s.Request.Design.Files.Select(f => $"{RtlDirectory}/{f.FileName}").ToList();
        var script = FlowTemplates.Render("synth.ys", new
        {
            top = s.Top,
            device = s.Options.Device.PartNumber,
            files,
            netlist = s.NetlistFile,
            stat = StatFile,
            depth = DepthFile,
        });
        File.WriteAllText(Path.Combine(s.Out, "synth.ys"), script);
        s.Inputs["synth.ys"] = FlowHash.OfText(script);

        var yosys = UseTool(s, "synth", ToolKind.Yosys);
        var key = FlowHash.OfParts("synth", yosys.Identity, script, s.Request.Design.ContentHash());
        RunStage(s, "synth", yosys, key, ["-s", "synth.ys"], [s.NetlistFile, StatFile, DepthFile, Log("yosys")]);
        s.Synthesis = SynthesisStatistics.Parse(
            File.ReadAllText(Path.Combine(s.Out, StatFile)),
            File.ReadAllText(Path.Combine(s.Out, DepthFile)));
    }

    private void PlaceAndRoute(RunState s)
    {
        var arguments = FlowTemplates.RenderArguments("nextpnr.args", new
        {
            deviceFlag = s.Options.Device.NextpnrFlag,
            package = EcpDevice.Package,
            speed = EcpDevice.SpeedGrade,
            freq = s.Options.FrequencyMhz.ToString("0.######", CultureInfo.InvariantCulture),
            seed = s.Options.Seed,
            lpf = s.LpfFile,
            netlist = s.NetlistFile,
            config = s.ConfigFile,
            report = NextpnrReportFile,
            sdf = s.SdfFile,
        });
        File.WriteAllLines(Path.Combine(s.Out, "nextpnr.args"), arguments);
        var nextpnr = UseTool(s, "pnr", ToolKind.NextpnrEcp5);
        var key = FlowHash.OfParts("pnr", nextpnr.Identity, string.Join("\n", arguments),
            FlowHash.OfFile(Path.Combine(s.Out, s.NetlistFile)), s.Inputs[s.LpfFile]);
        RunStage(s, "pnr", nextpnr, key, arguments, [s.ConfigFile, NextpnrReportFile, s.SdfFile, Log("nextpnr")]);
        s.PlaceAndRoute = PlaceAndRouteStatistics.Parse(File.ReadAllText(Path.Combine(s.Out, NextpnrReportFile)));
        s.Timing = AnalyseTiming(s.PlaceAndRoute, s.Out, s.SdfFile, s.NetlistFile, s.Top, s.Options.Seed, s.Options.Timing);
        if (s.Timing.Clocks.Count > 0)
            Say($"[timing] worst paths of {string.Join(", ", s.Timing.Clocks.Select(c => c.Clock))} traced back to the source (see the report)");
    }

    /// <summary>
    /// The worst paths of the clocks that fail or nearly fail, from the files of a place-and-route
    /// run in <paramref name="directory"/> (the netlist and rtl/ relative to it). A file that cannot
    /// be read gives a report that says so instead of paths: the figures of the build still stand.
    /// </summary>
    public static TimingReport AnalyseTiming(PlaceAndRouteStatistics pnr, string directory, string sdf, string netlist, string top, int seed, TimingReportOptions options)
    {
        try
        {
            return TimingPathAnalysis.Analyse(pnr, Path.Combine(directory, sdf), Path.Combine(directory, netlist), top,
                Path.Combine(directory, Path.GetDirectoryName(netlist) ?? "", RtlDirectory), seed, options);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return TimingReport.Unavailable(seed, options, $"no timing paths: {e.Message}");
        }
    }

    private void Pack(RunState s)
    {
        var arguments = FlowTemplates.RenderArguments("ecppack.args", new { config = s.ConfigFile, bitstream = s.BitFile });
        File.WriteAllLines(Path.Combine(s.Out, "ecppack.args"), arguments);
        var ecppack = UseTool(s, "pack", ToolKind.Ecppack);
        var key = FlowHash.OfParts("pack", ecppack.Identity, string.Join("\n", arguments), FlowHash.OfFile(Path.Combine(s.Out, s.ConfigFile)));
        RunStage(s, "pack", ecppack, key, arguments, [s.BitFile, Log("ecppack")]);
        s.Bitstream = Path.Combine(s.Out, s.BitFile);
    }

    private ToolLocation UseTool(RunState s, string stage, ToolKind kind)
    {
        var location = tools.Locate(kind);
        if (!location.Found)
        {
            s.SetStage(stage, location.Spec.Executable, StageStatus.MissingTool, null, null, location.Problem);
            Say($"[{stage}] {location.Spec.Executable} is missing: stopping here (everything before this stage is in {s.Out})");
            throw new MissingToolException(location);
        }
        s.Tools[location.Spec.Executable] = new BuildManifest.Tool(location.Path!, location.Source, location.Version);
        return location;
    }

    private void RunStage(RunState s, string stage, ToolLocation tool, string key, IReadOnlyList<string> arguments, IReadOnlyList<string> outputs)
    {
        var name = tool.Spec.Executable;
        var watch = Stopwatch.StartNew();
        if (s.Cache.TryRestore(stage, key, s.Out, outputs))
        {
            s.RecordOutputs(outputs);
            s.SetStage(stage, name, StageStatus.Reused, key, watch, "inputs, script and tool version unchanged");
            Say($"[{stage}] reused: inputs unchanged since a previous run (key {key[..12]})");
            return;
        }
        Say($"[{stage}] running {tool.Version ?? name}...");
        var logPath = Path.Combine(s.Out, outputs[^1]);
        ToolRun run;
        try
        {
            run = ToolProcess.Run(tool.Path!, arguments, s.Out, logPath, s.Options.ToolTimeout);
        }
        catch (ToolFailedException e)
        {
            s.SetStage(stage, name, StageStatus.Failed, key, watch, e.ErrorLines.FirstOrDefault());
            throw;
        }
        if (run.ExitCode != 0)
        {
            var errors = ToolFailedException.ErrorLinesOf(run.Lines);
            s.SetStage(stage, name, StageStatus.Failed, key, watch, errors.FirstOrDefault());
            Say($"[{stage}] {name} failed after {watch.Elapsed.TotalSeconds:0.0} s");
            throw new ToolFailedException(name, run.ExitCode, errors, logPath);
        }
        var absent = outputs.Where(o => !File.Exists(Path.Combine(s.Out, o))).ToList();
        if (absent.Count > 0)
        {
            s.SetStage(stage, name, StageStatus.Failed, key, watch, $"did not write {string.Join(", ", absent)}");
            throw new ToolFailedException(name, run.ExitCode,
                [$"{name} exited with 0 but did not write {string.Join(", ", absent)}", .. ToolFailedException.ErrorLinesOf(run.Lines, 5)], logPath);
        }
        s.Cache.Store(stage, key, s.Out, outputs);
        s.RecordOutputs(outputs);
        s.SetStage(stage, name, StageStatus.Ran, key, watch, null);
        Say($"[{stage}] done in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    private void WriteReportAndManifest(RunState s)
    {
        var stages = s.Stages.ToList();
        s.Report = new FlowReport(s.Request.DesignName, s.Top, s.Options.Device, s.Options.FrequencyMhz, s.Options.Seed,
            s.Target, s.Synthesis, s.PlaceAndRoute, s.Unconstrained, stages) { Timing = s.Timing };
        File.WriteAllText(Path.Combine(s.Out, ReportJsonFile), s.Report.ToJson());
        File.WriteAllText(Path.Combine(s.Out, ReportTextFile), s.Report.ToText());

        var manifest = new BuildManifest(
            s.Request.DesignName,
            new SortedDictionary<string, string>(s.Request.Parameters.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
            s.Top,
            s.Options.Device.Name,
            s.Options.Device.PartNumber,
            s.Options.FrequencyMhz,
            s.Options.Seed,
            board.SourceName + " sha256:" + FlowHash.OfText(board.Text),
            BuildManifest.Ulx3sSdram,
            s.Tools,
            BuildManifest.ReadGit(Directory.GetCurrentDirectory()),
            s.Inputs,
            s.Outputs,
            stages,
            DateTimeOffset.UtcNow);
        File.WriteAllText(Path.Combine(s.Out, ManifestFile), manifest.ToJson());
        Say($"[report] {s.Report.Verdict.ToString().ToLowerInvariant()}: {Path.Combine(s.Out, ReportTextFile)}");
    }

    private static string SafeFileName(string name) =>
        new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());

    private static string Log(string tool) => $"{LogDirectory}/{tool}.log";

    private static string Relative(RunState s, string path) => Path.GetRelativePath(s.Out, path).Replace('\\', '/');

    private void Say(string line) => progress?.Invoke(line);

    private sealed class RunState(FlowRequest request, FlowOptions options, FlowTarget target, StageCache cache)
    {
        public FlowRequest Request { get; } = request;
        public FlowOptions Options { get; } = options;
        public FlowTarget Target { get; } = target;
        public StageCache Cache { get; } = cache;
        public string Out { get; } = Path.GetFullPath(options.OutputDirectory);
        public string Top => Request.Design.TopModule;
        public string NetlistFile => Top + ".json";
        public string LpfFile => Top + ".lpf";
        public string ConfigFile => Top + ".config";
        public string SdfFile => Top + ".sdf";
        // Named after the design, not the top module: it is what users pass to `zfpe program`.
        public string BitFile => SafeFileName(Request.DesignName) + ".bit";

        public SortedDictionary<string, string> Inputs { get; } = new(StringComparer.Ordinal);
        public SortedDictionary<string, string> Outputs { get; } = new(StringComparer.Ordinal);
        public SortedDictionary<string, BuildManifest.Tool> Tools { get; } = new(StringComparer.Ordinal);
        public SynthesisStatistics? Synthesis { get; set; }
        public PlaceAndRouteStatistics? PlaceAndRoute { get; set; }
        public TimingReport? Timing { get; set; }
        public IReadOnlyList<string> Unconstrained { get; set; } = [];
        public string? Bitstream { get; set; }
        public FlowReport? Report { get; set; }

        // Every stage of the target, in order, NotRun until it runs.
        public List<StageRecord> Stages { get; } = target == FlowTarget.Synthesis
            ? [new("synth", "yosys", StageStatus.NotRun, null, 0, null)]
            :
            [
                new("constraints", "-", StageStatus.NotRun, null, 0, null),
                new("synth", "yosys", StageStatus.NotRun, null, 0, null),
                new("pnr", "nextpnr-ecp5", StageStatus.NotRun, null, 0, null),
                new("pack", "ecppack", StageStatus.NotRun, null, 0, null),
            ];

        public void RecordOutputs(IEnumerable<string> outputs)
        {
            foreach (var o in outputs.Where(o => !o.StartsWith(LogDirectory + "/", StringComparison.Ordinal)))
                Outputs[o] = FlowHash.OfFile(Path.Combine(Out, o));
        }

        public void SetStage(string stage, string tool, StageStatus status, string? key, Stopwatch? watch, string? detail) =>
            Stages[Stages.FindIndex(r => r.Stage == stage)] =
                new StageRecord(stage, tool, status, key, Math.Round(watch?.Elapsed.TotalSeconds ?? 0, 2), detail);
    }
}
