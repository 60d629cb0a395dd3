using Zfpe.Tools;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Zfpe.Flow.Timing;

namespace Zfpe.Flow.Sweep;

/// <summary>
/// The sweep's place-and-route stage: nextpnr-ecp5 out of context (or, for a design with pads, on
/// the board's pins with <c>lpfPath</c>) on a point's netlist with one
/// seed, keyed in the shared <see cref="StageCache"/> by the netlist's hash, the arguments and the
/// tool's version, like the flow's own stages. (The board flow's pnr stage needs every port on a
/// pin and also packs a bitstream; a sweep wants neither.)
/// </summary>
public static partial class SweepPlaceAndRoute
{
    public const string Stage = "pnr-ooc";
    public const string ReportFile = "nextpnr-report.json";
    public const string ArgumentsFile = "nextpnr.args";
    public const string LogFile = "logs/nextpnr.log";
    public const string SdfFile = "routed.sdf";

    /// <summary>The full timing report of a seed whose clock fails or nearly fails (the sweep's report shows its first paths).</summary>
    public const string TimingFile = "timing.txt";

    /// <summary>
    /// Places and routes <paramref name="netlistPath"/> (relative to <paramref name="directory"/>,
    /// named after <paramref name="topModule"/>, with the Verilog and its source map in rtl/ beside
    /// it) with <paramref name="seed"/>; when the clock fails or nearly fails, traces its worst
    /// paths (<paramref name="timing"/>) into <see cref="TimingFile"/>. Throws
    /// <see cref="ToolFailedException"/> when nextpnr fails and <see cref="InvalidDataException"/>
    /// when its report cannot be read.
    /// </summary>
    public static SweepSeedResult Run(ToolLocation nextpnr, StageCache cache, string directory, string netlistPath, string topModule,
        EcpDevice device, double frequencyMhz, int seed, TimeSpan timeout, TimingReportOptions timing, string? lpfPath = null)
    {
        Directory.CreateDirectory(directory);
        var arguments = FlowTemplates.RenderArguments("sweep-nextpnr.args", new
        {
            deviceFlag = device.NextpnrFlag,
            package = EcpDevice.Package,
            speed = EcpDevice.SpeedGrade,
            freq = frequencyMhz.ToString("0.######", CultureInfo.InvariantCulture),
            seed,
            netlist = netlistPath,
            report = ReportFile,
            sdf = SdfFile,
            lpf = lpfPath ?? "",
        });
        File.WriteAllLines(Path.Combine(directory, ArgumentsFile), arguments);
        var netlist = Path.GetFullPath(Path.Combine(directory, netlistPath));
        var key = lpfPath is null
            ? FlowHash.OfParts(Stage, nextpnr.Identity, string.Join("\n", arguments), FlowHash.OfFile(netlist))
            : FlowHash.OfParts(Stage, nextpnr.Identity, string.Join("\n", arguments), FlowHash.OfFile(netlist), FlowHash.OfFile(Path.GetFullPath(Path.Combine(directory, lpfPath))));
        string[] outputs = [ReportFile, SdfFile, LogFile];

        var watch = Stopwatch.StartNew();
        SweepStageOutcome outcome;
        if (cache.TryRestore(Stage, key, directory, outputs))
        {
            outcome = new SweepStageOutcome(StageStatus.Reused, Seconds(watch), RecordedSeconds(Path.Combine(directory, LogFile)), null);
        }
        else
        {
            var log = Path.Combine(directory, LogFile);
            var run = ToolProcess.Run(nextpnr.Path!, arguments, directory, log, timeout);
            if (run.ExitCode != 0)
                throw new ToolFailedException(nextpnr.Spec.Executable, run.ExitCode, ToolFailedException.ErrorLinesOf(run.Lines), log);
            if (!File.Exists(Path.Combine(directory, ReportFile)))
                throw new ToolFailedException(nextpnr.Spec.Executable, run.ExitCode,
                    [$"{nextpnr.Spec.Executable} exited with 0 but did not write {ReportFile}", .. ToolFailedException.ErrorLinesOf(run.Lines, 5)], log);
            cache.Store(Stage, key, directory, outputs);
            outcome = new SweepStageOutcome(StageStatus.Ran, Seconds(watch), null, null);
        }

        var stats = PlaceAndRouteStatistics.Parse(File.ReadAllText(Path.Combine(directory, ReportFile)));
        var slowest = stats.Clocks.OrderBy(c => c.AchievedMhz).FirstOrDefault();
        if (slowest is null) outcome = outcome with { Detail = "no clocked logic: no Fmax" };
        var used = new SortedDictionary<string, long>(
            stats.Utilisation.Where(r => r.Used > 0).ToDictionary(r => r.Resource, r => r.Used), StringComparer.Ordinal);
        var report = FlowRunner.AnalyseTiming(stats, directory, SdfFile, netlistPath, topModule, seed, timing);
        var timingFile = Path.Combine(directory, TimingFile);
        if (report.ToText() is { Length: > 0 } text) File.WriteAllText(timingFile, text);
        else File.Delete(timingFile);
        return new SweepSeedResult(seed, outcome, slowest?.AchievedMhz, slowest?.Clock, used, report.Summary());
    }

    /// <summary>
    /// How long the tool run that wrote <paramref name="logPath"/> took: <see cref="ToolProcess"/>
    /// ends every log with "# exit code N after S s", and a restored log is that of the original
    /// run. Null when the log is missing or does not end that way.
    /// </summary>
    public static double? RecordedSeconds(string logPath)
    {
        if (!File.Exists(logPath)) return null;
        var last = File.ReadLines(logPath).LastOrDefault(l => l.Trim().Length > 0);
        var m = last is null ? null : ExitLine().Match(last);
        return m is { Success: true } ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static double Seconds(Stopwatch watch) => Math.Round(watch.Elapsed.TotalSeconds, 2);

    [GeneratedRegex(@"^# exit code 0 after (\d+(?:\.\d+)?) s\s*$")]
    private static partial Regex ExitLine();
}
