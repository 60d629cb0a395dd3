using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zfpe.Flow.Sweep;

/// <summary>
/// The machine-readable result of a sweep (sweep.json in its output directory): the settings,
/// the axes, every point, notes and the run statistics. `zfpe sweep merge` reads these files;
/// results.csv, report.md and the plots are rendered from this record.
/// </summary>
public sealed record SweepResult(
    int FormatVersion,
    string Design,
    string Device,
    string PartNumber,
    double TargetMhz,
    string Steps,
    int Seeds,
    IReadOnlyList<SweepAxis> Axes,
    IReadOnlyList<string> ParameterNames,
    IReadOnlyList<string> QualityDatasets,
    IReadOnlyList<string> Notes,
    BuildManifest.GitState? Git,
    IReadOnlyList<SweepPointResult> Points,
    SweepRunStatistics? Run,
    DateTimeOffset CreatedUtc)
{
    public const string FileName = "sweep.json";
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>True when any point was placed and routed (so the Fmax columns mean something).</summary>
    [JsonIgnore]
    public bool HasFmax => Points.Any(p => p.FmaxValues.Count > 0);

    [JsonIgnore]
    public bool HasQuality => Points.Any(p => p.Quality.Count > 0);

    [JsonIgnore]
    public bool HasThroughput => Points.Any(p => p.ValuesPerCycle is not null);

    /// <summary>The names of the design's own figures, in the order the points give them.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> MeasurementNames => Points.SelectMany(p => p.Measured.Select(m => m.Name)).Distinct().ToList();

    /// <summary>The per-second columns of the measurements per cycle (<see cref="SweepMeasurement.PerSecond"/>), with the measurement each comes from.</summary>
    public IReadOnlyList<(string Column, string Measurement)> PerSecondColumns =>
        Points.SelectMany(p => p.Measured.Where(m => m.PerSecond is not null).Select(m => (m.PerSecond!, m.Name))).Distinct().ToList();

    /// <summary>The dataset names of the quality columns, in order of first appearance.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> DatasetNames => Points.SelectMany(p => p.Quality.Select(q => q.Dataset)).Distinct().ToList();

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SweepResult FromJson(string json, string source)
    {
        SweepResult? result;
        try
        {
            result = JsonSerializer.Deserialize<SweepResult>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} is not a sweep result ({e.Message}); it is written by `zfpe sweep`, do not edit it");
        }
        if (result is null || result.Points is null || result.Design is null)
            throw new InvalidDataException($"{source} is not a sweep result (no design or points); it is written by `zfpe sweep`");
        if (result.FormatVersion != CurrentFormat)
            throw new InvalidDataException($"{source} has format version {result.FormatVersion}, this zfpe reads version {CurrentFormat}; re-run the sweep with this zfpe");
        return result;
    }

    public static SweepResult Load(string path) => FromJson(File.ReadAllText(path), path);
}
