using System.Globalization;
using System.Text;

namespace Zfpe.Flow.Sweep;

/// <summary>
/// results.csv: one row per point and seed (one row per point when place and route was not
/// requested), every parameter in its own column, the figures of synthesis, place and route,
/// throughput and quality, whether the point is on the Pareto front, and the tool versions.
/// Numbers use '.' and no thousands separator; an unknown figure is an empty field; an exact
/// reconstruction has PSNR "Infinity". Fields are quoted as RFC 4180 says.
/// </summary>
public static class SweepCsv
{
    public const string FileName = "results.csv";

    public static string Render(SweepResult result, SweepParetoFront front)
    {
        var datasets = result.DatasetNames;
        var header = new List<string> { "design", "point" };
        header.AddRange(result.ParameterNames);
        header.AddRange([
            "seed", "device", "target_mhz",
            "synth_status", "synth_seconds", "synth_saved_seconds",
            "lut4", "flip_flops", "dp16kd", "mult18x18d", "carry_cells", "logic_depth",
            "pnr_status", "pnr_seconds", "pnr_saved_seconds", "fmax_mhz", "fmax_clock", "pnr_trellis_comb", "pnr_trellis_ff",
            "values_per_cycle", "values_per_second", "mb_per_second", "values_per_second_per_lut4",
        ]);
        foreach (var d in datasets)
            header.AddRange([$"{d}_bits_per_value", $"{d}_psnr_db", $"{d}_rmse", $"{d}_max_abs_error"]);
        var measured = result.MeasurementNames;
        var perSecond = result.PerSecondColumns;
        header.AddRange(measured);
        header.AddRange(perSecond.Select(c => c.Column));
        header.AddRange(["pareto", "error", "yosys_version", "nextpnr_version"]);

        var sb = new StringBuilder();
        Line(sb, header);
        foreach (var p in result.Points)
        {
            var seeds = p.Seeds.Count > 0 ? p.Seeds.Select(x => (SweepSeedResult?)x).ToList() : new List<SweepSeedResult?> { null };
            foreach (var seed in seeds)
            {
                var row = new List<string> { result.Design, p.Id };
                row.AddRange(result.ParameterNames.Select(n => p.Parameters.TryGetValue(n, out var v) ? v : ""));
                var s = p.Synthesis;
                var fmax = seed?.FmaxMhz;
                var throughput = p.ThroughputAt(fmax);
                row.AddRange([
                    seed is null ? "" : N(seed.Seed), result.Device, N(result.TargetMhz),
                    p.Synth.Label, N(p.Synth.Seconds), N(p.Synth.SavedSeconds),
                    N(s?.Lut4), N(s?.FlipFlops), N(s?.BlockRams), N(s?.Multipliers), N(s?.CarryCells), N(s?.LogicDepth),
                    seed?.PlaceAndRoute.Label ?? "not run", N(seed?.PlaceAndRoute.Seconds), N(seed?.PlaceAndRoute.SavedSeconds), N(fmax), seed?.Clock ?? "",
                    N(Used(seed, "TRELLIS_COMB")), N(Used(seed, "TRELLIS_FF")),
                    N(p.ValuesPerCycle), N(throughput), N(throughput / 1e6 * SweepPointResult.BytesPerValue),
                    N(throughput is { } t && s is { Lut4: > 0 } ? t / s.Lut4 : null),
                ]);
                foreach (var d in datasets)
                {
                    var q = p.Quality.FirstOrDefault(x => x.Dataset == d);
                    row.AddRange([N(q?.BitsPerValue), N(q?.PsnrDb), N(q?.Rmse), N(q?.MaxAbsoluteError)]);
                }
                row.AddRange(measured.Select(m => N(p.Measured.FirstOrDefault(x => x.Name == m)?.Value)));
                row.AddRange(perSecond.Select(c => N(p.Measured.FirstOrDefault(x => x.Name == c.Measurement)?.MillionsPerSecondAt(fmax))));
                row.AddRange([front.Objectives.Count == 0 ? "" : front.IsOnFront(p) ? "yes" : "no", p.Error ?? "", p.YosysVersion ?? "", p.NextpnrVersion ?? ""]);
                Line(sb, row);
            }
        }
        return sb.ToString();
    }

    private static long? Used(SweepSeedResult? seed, string bel) =>
        seed is not null && seed.Utilisation.TryGetValue(bel, out var n) ? n : null;

    /// <summary>Invariant, round-trippable, empty for null.</summary>
    public static string N(double? v) => v switch
    {
        null => "",
        { } x when double.IsPositiveInfinity(x) => "Infinity",
        { } x when double.IsNegativeInfinity(x) => "-Infinity",
        { } x when double.IsNaN(x) => "NaN",
        { } x => x.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string N(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string N(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder sb, IEnumerable<string> fields) =>
        sb.Append(string.Join(",", fields.Select(Quote))).Append('\n');

    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    /// <summary>Splits one CSV text into rows of fields (RFC 4180 quoting), for tests and tools that read results.csv back.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string text)
    {
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else if (c != '\r') field.Append(c);
        }
        if (quoted) throw new InvalidDataException("the CSV text ends inside a quoted field");
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }
}
