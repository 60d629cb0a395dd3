namespace Zfpe.Flow.Sweep;

/// <summary>
/// Writes everything a sweep (or a merge) leaves in its output directory: sweep.json (the
/// machine-readable result that `zfpe sweep merge` reads), results.csv, the plots and report.md.
/// CSV and Markdown are written whether or not gnuplot is there.
/// </summary>
public static class SweepOutputs
{
    public sealed record Written(string Directory, SweepParetoFront Front, IReadOnlyList<SweepPlot> Plots, IReadOnlyList<string> Notes)
    {
        public string ReportPath => Path.Combine(Directory, SweepReport.FileName);
        public string CsvPath => Path.Combine(Directory, SweepCsv.FileName);
        public string ResultPath => Path.Combine(Directory, SweepResult.FileName);
    }

    public static Written Write(SweepResult result, string directory, SweepPlotter plotter)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(plotter);
        var dir = Path.GetFullPath(directory);
        Directory.CreateDirectory(dir);
        var front = SweepParetoFront.Of(result);
        WriteAtomically(Path.Combine(dir, SweepResult.FileName), result.ToJson());
        WriteAtomically(Path.Combine(dir, SweepCsv.FileName), SweepCsv.Render(result, front));
        var (plots, notes) = plotter.Render(result, front, dir);
        WriteAtomically(Path.Combine(dir, SweepReport.FileName), SweepReport.Render(result, front, plots, notes));
        return new Written(dir, front, plots, notes);
    }

    // A reader (or a merge running beside a batch job) never sees half a file.
    private static void WriteAtomically(string path, string text)
    {
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
