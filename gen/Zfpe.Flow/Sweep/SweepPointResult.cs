using System.Text.Json.Serialization;

namespace Zfpe.Flow.Sweep;

/// <summary>
/// Everything a sweep learned about one point: its parameters, synthesis, place and route per
/// seed, quality on the reference datasets, values per cycle, and the tool versions that
/// produced it. Derived figures (Fmax over seeds, throughput, efficiency) are computed here so
/// that the CSV, the report, the plots and the Pareto front agree.
/// </summary>
public sealed record SweepPointResult(
    string Id,
    IReadOnlyDictionary<string, string> Swept,
    IReadOnlyDictionary<string, string> Parameters,
    string? TopModule,
    SweepStageOutcome Synth,
    SweepSynthesis? Synthesis,
    IReadOnlyList<SweepSeedResult> Seeds,
    IReadOnlyList<SweepQuality> Quality,
    int? ValuesPerCycle,
    string? YosysVersion,
    string? NextpnrVersion,
    string? Error,
    IReadOnlyList<SweepMeasurement>? Measurements = null)
{
    /// <summary>The design's own figures (none for most designs; results written before they existed read as none).</summary>
    [JsonIgnore]
    public IReadOnlyList<SweepMeasurement> Measured => Measurements ?? [];

    /// <summary>Bytes of one float32 value: the unit of the MB/s column.</summary>
    public const int BytesPerValue = 4;

    [JsonIgnore]
    public bool Failed => Error is not null;

    /// <summary>Nothing ran: synthesis and every place-and-route seed came from the cache (or were not asked for).</summary>
    [JsonIgnore]
    public bool FullyReused => !Failed && Synth.Status == StageStatus.Reused
        && Seeds.All(s => s.PlaceAndRoute.Status is StageStatus.Reused or StageStatus.MissingTool or StageStatus.NotRun);

    [JsonIgnore]
    public IReadOnlyList<double> FmaxValues => Seeds.Where(s => s.FmaxMhz is not null).Select(s => s.FmaxMhz!.Value).Order().ToList();

    [JsonIgnore]
    public double? FmaxMin => FmaxValues.Count > 0 ? FmaxValues[0] : null;

    [JsonIgnore]
    public double? FmaxMax => FmaxValues.Count > 0 ? FmaxValues[^1] : null;

    /// <summary>The median Fmax over seeds: the figure the throughput columns use (one lucky seed is not a result).</summary>
    [JsonIgnore]
    public double? FmaxMedian => Median(FmaxValues);

    /// <summary>Values per second at the median Fmax; null without Fmax or without a throughput.</summary>
    [JsonIgnore]
    public double? ValuesPerSecond => ThroughputAt(FmaxMedian);

    public double? ThroughputAt(double? fmaxMhz) => ValuesPerCycle is { } lanes && fmaxMhz is { } f ? lanes * f * 1e6 : null;

    /// <summary>MB/s of float32 at the median Fmax.</summary>
    [JsonIgnore]
    public double? MegabytesPerSecond => ValuesPerSecond / 1e6 * BytesPerValue;

    /// <summary>Values per second per LUT4 at the median Fmax.</summary>
    [JsonIgnore]
    public double? ValuesPerSecondPerLut => ValuesPerSecond is { } v && Synthesis is { Lut4: > 0 } s ? v / s.Lut4 : null;

    /// <summary>Quality on the primary (first) reference dataset.</summary>
    [JsonIgnore]
    public SweepQuality? PrimaryQuality => Quality.Count > 0 ? Quality[0] : null;

    public static double? Median(IReadOnlyList<double> sorted)
    {
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
