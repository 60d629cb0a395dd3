using Zfpe.Reference.Evaluation;
using System.Globalization;
using System.Text;

namespace Zfpe.Cli.Commands;

/// <summary>The evaluation results as an aligned text table and as CSV.</summary>
public static class EvaluateTable
{
    public static readonly string[] Columns =
        ["method", "bits/value", "RMSE", "max error", "PSNR dB", "rel err mean", "rel err max", "time ms", "layout"];

    public static readonly string[] CsvColumns =
        ["method", "bits_per_value", "rmse", "max_abs_error", "psnr_db", "rel_error_mean", "rel_error_max", "time_ms", "layout"];

    public static string Text(IReadOnlyList<EvaluateResult> results)
    {
        var rows = new List<string[]> { Columns };
        foreach (var r in results)
        {
            var m = r.Metrics;
            rows.Add(
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
            ]);
        }
        var widths = Enumerable.Range(0, Columns.Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (int c = 0; c < row.Length; c++)
            {
                if (c > 0)
                    text.Append("  ");
                // Names and layouts read left to right; numbers line up on the right.
                bool words = c == 0 || c == row.Length - 1;
                text.Append(words ? (c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c])) : row[c].PadLeft(widths[c]));
            }
            text.Append('\n');
        }
        return text.ToString();
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
