using System.Globalization;
using System.Text;
using Spectre.Console;
using Zfpe.Reference.Evaluation;

namespace Zfpe.Cli.Presentation;

/// <summary>
/// The evaluation results as a table (Spectre.Console's on a terminal, aligned plain text
/// elsewhere: the same cells) and as CSV.
/// </summary>
public static class EvaluateTable
{
    public static readonly string[] Columns =
        ["method", "bits/value", "RMSE", "max error", "PSNR dB", "rel err mean", "rel err max", "time ms", "layout"];

    public static readonly string[] CsvColumns =
        ["method", "bits_per_value", "rmse", "max_abs_error", "psnr_db", "rel_error_mean", "rel_error_max", "time_ms", "layout"];

    /// <summary>The table as aligned plain text, for pipes, files and logs.</summary>
    public static string Text(IReadOnlyList<EvaluateResult> results)
    {
        var rows = new List<string[]> { Columns };
        rows.AddRange(results.Select(Cells));
        var widths = Enumerable.Range(0, Columns.Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (int c = 0; c < row.Length; c++)
            {
                if (c > 0)
                    text.Append("  ");
                text.Append(IsWords(c) ? (c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c])) : row[c].PadLeft(widths[c]));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The table as Spectre.Console draws it on a terminal.</summary>
    public static Table Table(IReadOnlyList<EvaluateResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (int c = 0; c < Columns.Length; c++)
            table.AddColumn(new TableColumn(new Text(Columns[c])) { Alignment = IsWords(c) ? Justify.Left : Justify.Right });
        foreach (var r in results)
            table.AddRow(Cells(r).Select(cell => new Text(cell)));
        return table;
    }

    /// <summary>Names and layouts read left to right; numbers line up on the right.</summary>
    private static bool IsWords(int column) => column == 0 || column == Columns.Length - 1;

    private static string[] Cells(EvaluateResult r)
    {
        var m = r.Metrics;
        return
        [
            r.Method,
            Fixed(m.BitsPerValue, 3),
            Scientific(m.Rmse),
            Scientific(m.MaxAbsoluteError),
            Fixed(m.Psnr, 2),
            Scientific(m.MeanRelativeError),
            Scientific(m.MaxRelativeError),
            Fixed(r.Milliseconds, 1),
            r.Layout,
        ];
    }

    /// <summary>CSV with full-precision numbers; inf, -inf and nan spelled as Python and NumPy read them; the layout quoted when it needs to be.</summary>
    public static string Csv(IReadOnlyList<EvaluateResult> results)
    {
        var text = new StringBuilder(string.Join(',', CsvColumns)).Append('\n');
        foreach (var r in results)
        {
            var m = r.Metrics;
            double[] numbers = [m.BitsPerValue, m.Rmse, m.MaxAbsoluteError, m.Psnr, m.MeanRelativeError, m.MaxRelativeError, r.Milliseconds];
            text.Append(r.Method);
            foreach (double x in numbers)
                text.Append(',').Append(Special(x) ?? x.ToString("R", CultureInfo.InvariantCulture));
            text.Append(',').Append(Quoted(r.Layout)).Append('\n');
        }
        return text.ToString();
    }

    private static string Quoted(string field) =>
        field.AsSpan().IndexOfAny(",\"\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Fixed(double x, int decimals) =>
        Special(x) ?? x.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static string Scientific(double x) =>
        Special(x) ?? x.ToString("0.000e+00", CultureInfo.InvariantCulture);

    private static string? Special(double x) =>
        double.IsNaN(x) ? "nan" : double.IsPositiveInfinity(x) ? "inf" : double.IsNegativeInfinity(x) ? "-inf" : null;
}
