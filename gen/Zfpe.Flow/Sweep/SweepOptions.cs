using System.Globalization;
using Zfpe.Flow.Timing;

namespace Zfpe.Flow.Sweep;

/// <summary>
/// How to run a sweep: device, clock target handed to nextpnr, stages, how many placement seeds
/// (1..Seeds), how many tool runs at once, and where results and the stage cache go.
/// </summary>
public sealed record SweepOptions(EcpDevice Device, double FrequencyMhz, SweepSteps Steps, int Seeds, int Jobs, string OutputDirectory)
{
    public const int MaxSeeds = 100;
    public const int MaxJobs = 256;

    /// <summary>Where stage outputs are kept by content hash (shared with `zfpe synth`/`build`); default: .cache inside the output directory.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>How long one tool run may take before it is stopped.</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromHours(4);

    /// <summary>The worst paths kept for seeds whose clock fails or nearly fails (fewer than a build's: the report has one block per point and seed).</summary>
    public TimingReportOptions Timing { get; init; } = new(Paths: DefaultTimingPaths);

    public const int DefaultTimingPaths = 2;

    public bool PlaceAndRoute => Steps.HasFlag(SweepSteps.PlaceAndRoute);

    public string EffectiveCacheDirectory => CacheDirectory ?? Path.Combine(OutputDirectory, ".cache");

    /// <summary>The placement seeds: 1..<see cref="Seeds"/>.</summary>
    public IReadOnlyList<int> SeedList => Enumerable.Range(1, Seeds).ToList();

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Device);
        if (!double.IsFinite(FrequencyMhz) || FrequencyMhz <= 0 || FrequencyMhz > FlowOptions.MaxFrequencyMhz)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "--freq must be a clock target in MHz in (0, {0}]; got {1}", FlowOptions.MaxFrequencyMhz, FrequencyMhz));
        if (!Steps.HasFlag(SweepSteps.Synth))
            throw new ArgumentException($"--steps must include synth (place and route needs its netlist); got '{Format(Steps)}', use --steps synth or --steps synth,pnr");
        if (Seeds is < 1 or > MaxSeeds)
            throw new ArgumentException($"--seeds must be a number of placement seeds in 1..{MaxSeeds}; got {Seeds}");
        if (Jobs is < 1 or > MaxJobs)
            throw new ArgumentException($"--jobs must be a number of parallel tool runs in 1..{MaxJobs}; got {Jobs}");
        if (string.IsNullOrWhiteSpace(OutputDirectory))
            throw new ArgumentException("--out must name an output directory; got an empty value");
        if (ToolTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"the tool timeout must be positive; got {ToolTimeout}");
        ArgumentNullException.ThrowIfNull(Timing);
        Timing.Validate();
    }

    /// <summary>Parses "synth", "synth,pnr" (also "pnr,synth"); throws naming the unknown step.</summary>
    public static SweepSteps ParseSteps(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        SweepSteps steps = 0;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            steps |= part switch
            {
                "synth" => SweepSteps.Synth,
                "pnr" => SweepSteps.PlaceAndRoute,
                _ => throw new ArgumentException($"--steps '{text}': unknown step '{part}'; the steps are synth and pnr (for example --steps synth,pnr)"),
            };
        }
        return steps;
    }

    public static string Format(SweepSteps steps) =>
        string.Join(",", new[] { (SweepSteps.Synth, "synth"), (SweepSteps.PlaceAndRoute, "pnr") }.Where(s => steps.HasFlag(s.Item1)).Select(s => s.Item2));
}
