using System.Globalization;

namespace Zfpe.Flow.Sweep;

/// <summary>
/// `zfpe sweep ... --export jobs.txt`: one self-contained shell command per point, each a
/// one-point sweep writing its result into its own directory (DIR/jobs/&lt;point&gt;), for GNU
/// parallel, a Slurm job array or any batch system. The file has nothing but those lines, so
/// line N is job N. `zfpe sweep merge DIR/jobs/*` then combines the results into one report.
/// </summary>
public static class SweepExport
{
    public const string JobsDirectory = "jobs";

    /// <param name="commandPrefix">How to start zfpe where the jobs run, e.g. "cd /src/zfpe &amp;&amp; ./zfpe" (used as is).</param>
    /// <param name="extraArguments">Further arguments every job gets (e.g. options of the quality model).</param>
    public static IReadOnlyList<string> Commands(string commandPrefix, string design, SweepSpace space, SweepOptions options, IReadOnlyList<string> extraArguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commandPrefix);
        options.Validate();
        var jobsRoot = Path.Combine(Path.GetFullPath(options.OutputDirectory), JobsDirectory);
        var lines = new List<string>();
        foreach (var point in space.Points())
        {
            var arguments = new List<string> { "sweep", design };
            foreach (var (key, value) in point.Settings) arguments.AddRange(["--set", $"{key}={value}"]);
            arguments.AddRange([
                "--steps", SweepOptions.Format(options.Steps),
                "--seeds", options.Seeds.ToString(CultureInfo.InvariantCulture),
                "--jobs", "1",
                "--device", options.Device.Name,
                "--freq", options.FrequencyMhz.ToString("0.######", CultureInfo.InvariantCulture),
                "--out", Path.Combine(jobsRoot, point.Id),
            ]);
            if (options.Timing != new Timing.TimingReportOptions(SweepOptions.DefaultTimingPaths))
                arguments.AddRange([
                    "--timing-paths", options.Timing.Paths.ToString(CultureInfo.InvariantCulture),
                    "--timing-margin", options.Timing.MarginPercent.ToString("0.######", CultureInfo.InvariantCulture),
                ]);
            arguments.AddRange(extraArguments);
            lines.Add(commandPrefix + " " + string.Join(" ", arguments.Select(ShellQuote)));
        }
        return lines;
    }

    /// <summary>Quotes for POSIX sh when the word has anything but safe characters.</summary>
    public static string ShellQuote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:+,@%".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";
}
