using Zfpe.Tools;
using System.Globalization;
using Zfpe.Cores.Designs;
using Zfpe.Flow;
using Zfpe.Reference.Files;

namespace Zfpe.Cli.Commands;

/// <summary>What `zfpe synth`, `zfpe build` and `zfpe sweep` share: their options, the design's emission, the flow run and its exit codes.</summary>
internal static class SynthFlowSupport
{
    public static FlowRequest Request(string design, IEnumerable<string> sets)
    {
        var info = DesignCatalog.Get(design);
        var given = DesignCatalog.ParseSettings(sets);
        var resolved = info.Resolve(given).All.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(CultureInfo.InvariantCulture));
        Console.Error.WriteLine($"[emit] {info.Name}: {string.Join(", ", resolved.Select(kv => $"{kv.Key}={kv.Value}"))}");
        return new FlowRequest(info.Name, resolved, info.Emit(given));
    }

    /// <summary>The default output folder of a run of <paramref name="design"/> with these --set values (<see cref="FlowOptions.DefaultOutputDirectory"/>).</summary>
    public static string DefaultDirectory(string step, string design, IEnumerable<string> sets, EcpDevice device, string extra = "") =>
        FlowOptions.DefaultOutputDirectory(step, DesignCatalog.Get(design).Resolve(DesignCatalog.ParseSettings(sets)).PointName(design), device, extra);

    /// <summary>
    /// Runs the flow, prints the report table on stdout (progress goes to stderr) and returns the
    /// exit code: 0 pass, 1 the design does not fit or misses timing, 3 missing tool, 4 tool failure.
    /// </summary>
    public static int Run(FlowRequest request, FlowOptions options, FlowTarget target, OutputFile? reportCopy = null)
    {
        var runner = new FlowRunner(new ToolLocator(), BoardConstraints.Ulx3s(), line => Console.Error.WriteLine(line));
        FlowResult result;
        try
        {
            result = runner.Run(request, options, target);
        }
        catch (MissingToolException e)
        {
            throw new CliException($"{e.Message} What was built so far is in {Path.GetFullPath(options.OutputDirectory)}.{NoBitstream(target)}", CliRunner.MissingTool);
        }
        catch (ToolFailedException e)
        {
            throw new CliException(e.Message + NoBitstream(target), CliRunner.ToolFailed);
        }
        catch (UnconstrainedPortsException e)
        {
            throw new CliException(e.Message, CliRunner.BadInput);
        }
        if (reportCopy is not null)
        {
            var report = File.ReadAllBytes(result.ReportJsonPath);
            CommandOutput.Write(reportCopy, stream => stream.Write(report));
        }
        Console.Write(result.Report.ToText());
        Console.WriteLine($"build directory: {result.OutputDirectory}");
        if (result.BitstreamPath is not null) Console.WriteLine($"bitstream: {result.BitstreamPath}");
        if (target == FlowTarget.Bitstream && (result.BitstreamPath is null || !File.Exists(result.BitstreamPath)))
            throw new CliException($"the flow ended without writing a bitstream.{NoBitstream(target)}", CliRunner.ToolFailed);
        return result.Report.Verdict == FlowVerdict.Pass ? CliRunner.Ok : CliRunner.CheckFailed;
    }

    /// <summary>`--timing-paths N`: how many worst paths (end registers) a failing or nearly failing clock gets in the report.</summary>
    public static System.CommandLine.Option<int> TimingPathsOption(int defaultPaths) => new("--timing-paths")
    {
        Description = "worst paths (one per end register, bits grouped) reported for each clock that fails or nearly fails",
        DefaultValueFactory = _ => defaultPaths,
    };

    /// <summary>`--timing-margin PERCENT`: clocks with less slack than this share of their period get their worst paths reported.</summary>
    public static System.CommandLine.Option<double> TimingMarginOption() => new("--timing-margin")
    {
        Description = "report the worst paths of clocks whose slack is below this percentage of their period (failing clocks always)",
        DefaultValueFactory = _ => Flow.Timing.TimingReportOptions.DefaultMarginPercent,
    };

    private static string NoBitstream(FlowTarget target) =>
        target == FlowTarget.Bitstream ? " No bitstream was produced (and none from an earlier run is left in its place)." : "";

    /// <summary>Where --report copies the report: its directory is created, the file checked before the flow runs.</summary>
    public static OutputFile? ReportOutput(string? path)
    {
        if (path is null) return null;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        return OutputFile.Resolve(path, "--report");
    }

    public static System.CommandLine.Option<string> DeviceOption() => new("--device")
    {
        Description = "ECP5 device of the board: 25k, 45k or 85k",
        DefaultValueFactory = _ => "85k",
    };
}
