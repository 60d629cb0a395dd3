using Zfpe.Tools;
using System.CommandLine;
using System.Globalization;
using System.Text;
using Zfpe.Flow;
using Zfpe.Cli.Adapters;
using Zfpe.Cores.Designs;
using Zfpe.Flow.Sweep;
using Zfpe.Flow.Timing;
using Zfpe.Reference.Files;
using Zfpe.Cli.Presentation;

namespace Zfpe.Cli.Commands;

/// <summary>
/// `zfpe sweep &lt;design&gt; --set k=v1,v2,... [--set ...] [--steps synth,pnr] [--seeds N] [--jobs N]
/// [--out DIR] [--device 85k] [--freq MHZ] [--timing-paths N] [--timing-margin PERCENT]
/// [--export jobs.txt] [--digits]` and
/// `zfpe sweep merge DIR... [--out DIR]`. Exit codes: 0 every point done; 2 bad input (or a point
/// the design refused); 3 Yosys missing; 4 a tool failed on some point (the others are reported).
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var design = new Argument<string>("design") { Description = "design name (see `zfpe designs`)" };
        var set = new Option<string[]>("--set")
        {
            Description = "a swept parameter and its values, name=v1,v2,... (repeat for more parameters: the sweep is their cartesian product)",
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => [],
        };
        var steps = new Option<string>("--steps") { Description = "stages per point: synth, or synth,pnr (pnr is skipped, with a note, where nextpnr-ecp5 is missing)", DefaultValueFactory = _ => "synth,pnr" };
        var seeds = new Option<int>("--seeds") { Description = "placement seeds per point (1..N); Fmax is reported as min/median/max over them", DefaultValueFactory = _ => 1 };
        var jobs = new Option<int>("--jobs") { Description = "tool runs at once (the default is the number of cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var outDir = new Option<string?>("--out") { Description = "output directory (default: out/sweep/<design>)" };
        var device = SynthFlowSupport.DeviceOption();
        var freq = new Option<double>("--freq") { Description = "clock target in MHz handed to nextpnr", DefaultValueFactory = _ => FlowOptions.DefaultFrequencyMhz };
        var export = new Option<string?>("--export") { Description = "do not run: write one self-contained command per point to this file (GNU parallel, Slurm job arrays); combine their results with `zfpe sweep merge`" };
        var digits = new Option<bool>("--digits") { Description = "codec designs: also measure quality on the UCI handwritten digits (scripts/fetch-digits.sh gets them; ZFPE_DIGITS names another copy)" };
        var paths = SynthFlowSupport.TimingPathsOption(SweepOptions.DefaultTimingPaths);
        var margin = SynthFlowSupport.TimingMarginOption();
        var cmd = new Command("sweep", "synthesise (and place and route) every combination of parameter values: results.csv, report.md with the Pareto front and worst timing paths, plots")
        {
            design, set, steps, seeds, jobs, outDir, device, freq, paths, margin, export, digits,
        };
        cmd.Subcommands.Add(MergeCommand());
        cmd.SetAction(r => CliRunner.Run(() =>
        {
            var name = r.GetValue(design)!;
            var space = SweepSpace.Parse(r.GetValue(set)!);
            var useDigits = r.GetValue(digits);
            var sweepDesign = SweepCatalogDesign.Create(name, useDigits);
            if (useDigits && sweepDesign.Quality is null)
                throw new ArgumentException($"--digits measures codec quality, but '{name}' is not a codec design (it has no 'b' parameter); drop --digits");
            var options = new SweepOptions(EcpDevice.Parse(r.GetValue(device)!), r.GetValue(freq), SweepOptions.ParseSteps(r.GetValue(steps)!),
                r.GetValue(seeds), r.GetValue(jobs), r.GetValue(outDir) ?? Path.Combine("out", "sweep", sweepDesign.Name))
            {
                CacheDirectory = StageCache.SharedDirectory,
                Timing = new TimingReportOptions(r.GetValue(paths), r.GetValue(margin)),
            };
            options.Validate();
            DesignCatalog.Get(name).CheckNotOmitted(space.Axes.Select(a => a.Parameter));
            space.CheckParameters(sweepDesign.Name, sweepDesign.ParameterNames);
            // Every value is checked before anything is printed, run or exported.
            foreach (var point in space.Points()) sweepDesign.Resolve(point.AsDictionary());
            return r.GetValue(export) is { } jobsFile
                ? Export(sweepDesign, space, options, jobsFile, useDigits ? ["--digits"] : [])
                : Run(sweepDesign, space, options);
        }));
        return cmd;
    }

    private static int Run(SweepDesign design, SweepSpace space, SweepOptions options)
    {
        var perPoint = options.PlaceAndRoute ? $"synth + pnr × {options.Seeds} seed(s)" : "synth";
        Console.Error.WriteLine($"[sweep] {design.Name}: {space.Count} point(s), {perPoint}, {options.Jobs} job(s) at once, into {Path.GetFullPath(options.OutputDirectory)}");
        SweepResult result;
        using (var display = SweepProgressDisplay.ForConsole())
        {
            try
            {
                result = new SweepRunner(new ToolLocator(), display.Update).Run(design, space, options);
            }
            catch (MissingToolException e)
            {
                throw new CliException(e.Message, CliRunner.MissingTool);
            }
        }
        var written = SweepOutputs.Write(result, options.OutputDirectory, SweepPlotter.Locate());
        PrintSummary(result, written);
        var failed = result.Points.Where(p => p.Failed).ToList();
        if (failed.Count == 0) return CliRunner.Ok;
        Console.Error.WriteLine($"error: {failed.Count} of {result.Points.Count} point(s) failed (see the error column of {written.ReportPath}): {failed[0].Id}: {failed[0].Error!.Split('\n')[0]}");
        return failed.Any(p => p.Synth.Status == StageStatus.Failed || p.Seeds.Any(s => s.PlaceAndRoute.Status == StageStatus.Failed))
            ? CliRunner.ToolFailed
            : CliRunner.BadInput;
    }

    private static int Export(SweepDesign design, SweepSpace space, SweepOptions options, string jobsFile, IReadOnlyList<string> extra)
    {
        var lines = SweepExport.Commands(CommandPrefix(), design.Name, space, options, extra);
        var full = Path.GetFullPath(jobsFile);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        CommandOutput.Write(OutputFile.Resolve(jobsFile, "--export"), stream => stream.Write(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")))));
        var jobsRoot = Path.Combine(Path.GetFullPath(options.OutputDirectory), SweepExport.JobsDirectory);
        Console.WriteLine($"wrote {lines.Count} job(s) to {full}, one command per line; each writes its result into {jobsRoot}/<point>/");
        Console.WriteLine($"run them, for example:  parallel -j {Environment.ProcessorCount} < {SweepExport.ShellQuote(full)}");
        Console.WriteLine($"    or as a Slurm array:  sbatch --array=1-{lines.Count} --wrap 'sed -n \"${{SLURM_ARRAY_TASK_ID}}p\" {SweepExport.ShellQuote(full)} | bash'");
        Console.WriteLine($"then combine them:  zfpe sweep merge {SweepExport.ShellQuote(jobsRoot)} --out {SweepExport.ShellQuote(Path.GetFullPath(options.OutputDirectory))}");
        return CliRunner.Ok;
    }

    private static Command MergeCommand()
    {
        var directories = new Argument<string[]>("directories")
        {
            Description = "output directories of `zfpe sweep` runs or exported jobs (each with a sweep.json, or whose subdirectories have one)",
            Arity = ArgumentArity.OneOrMore,
        };
        var outDir = new Option<string?>("--out") { Description = "where the merged results.csv, report.md and plots go (default: out/sweep/<design>-merged)" };
        var cmd = new Command("merge", "combine the results of several sweeps (for example exported jobs) into one report") { directories, outDir };
        cmd.SetAction(r => CliRunner.Run(() =>
        {
            var files = SweepMerge.FindResults(r.GetValue(directories)!);
            var inputs = files.Select(f => (Source: Path.GetDirectoryName(f)!, Result: SweepResult.Load(f))).ToList();
            var merged = SweepMerge.Merge(inputs);
            var dir = r.GetValue(outDir) ?? Path.Combine("out", "sweep", merged.Design + "-merged");
            Console.Error.WriteLine($"[merge] {inputs.Count} sweep result(s), {merged.Points.Count} point(s) of {merged.Design}");
            var written = SweepOutputs.Write(merged, dir, SweepPlotter.Locate());
            PrintSummary(merged, written);
            return merged.Points.Any(p => p.Failed) ? CliRunner.CheckFailed : CliRunner.Ok;
        }));
        return cmd;
    }

    private static void PrintSummary(SweepResult result, SweepOutputs.Written written)
    {
        if (result.Run is { } run)
        {
            Console.WriteLine(F("sweep of {0}: {1} point(s), {2} failed", result.Design, run.Points, run.PointsFailed));
            Console.WriteLine(F("synthesis: {0} ran, {1} reused; place and route: {2} ran, {3} reused, {4} skipped",
                run.SynthRan, run.SynthReused, run.PnrRan, run.PnrReused, run.PnrSkipped));
            Console.WriteLine(F("reused {0} of {1} point(s) whole from the stage cache, saving {2:0.0} s of tool time; tool time this run {3:0.0} s, wall time {4:0.0} s",
                run.PointsReused, run.Points, run.SavedSeconds, run.ToolSeconds, run.WallSeconds));
        }
        foreach (var note in written.Notes) Console.Error.WriteLine("note: " + note);
        if (written.Front.Note is not null) Console.Error.WriteLine("note: " + written.Front.Note);
        if (written.Front.Objectives.Count > 0)
            Console.WriteLine($"Pareto front ({string.Join(", ", written.Front.Objectives.Select(o => o.Name))}): {string.Join("; ", written.Front.Front.Select(p => p.Id))}");
        Console.WriteLine($"report: {written.ReportPath}");
        Console.WriteLine($"results: {written.CsvPath}");
        var images = written.Plots.SelectMany(p => p.Images).Where(i => i.EndsWith(".svg", StringComparison.Ordinal)).ToList();
        if (images.Count > 0) Console.WriteLine($"plots: {string.Join(", ", images.Select(i => Path.Combine(written.Directory, i)))}");
    }

    /// <summary>How an exported job starts zfpe: from this directory, with the wrapper when this is the repository root, else with this very zfpe.dll.</summary>
    private static string CommandPrefix()
    {
        var cwd = Directory.GetCurrentDirectory();
        var cache = Environment.GetEnvironmentVariable(StageCache.DirectoryVariable) is { Length: > 0 } c ? $"{StageCache.DirectoryVariable}={SweepExport.ShellQuote(Path.GetFullPath(c))} " : "";
        var zfpe = File.Exists(Path.Combine(cwd, "zfpe")) && File.Exists(Path.Combine(cwd, "Zfpe.Hdl.sln"))
            ? "./zfpe"
            : SweepExport.ShellQuote(DotnetHost()) + " " + SweepExport.ShellQuote(Path.Combine(AppContext.BaseDirectory, "zfpe.dll"));
        return $"cd {SweepExport.ShellQuote(cwd)} && {cache}{zfpe}";
    }

    // The dotnet that runs this zfpe, so the jobs run the same runtime; "dotnet" from PATH otherwise.
    private static string DotnetHost() =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    private static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
