using System.Globalization;
using Zfpe.Flow.Timing;

namespace Zfpe.Flow;

/// <summary>
/// How to build: the device, the clock target handed to nextpnr (--freq, for clocks that the
/// constraints or a PLL do not already constrain, and the figure the report compares Fmax to),
/// the placement seed and the output directory.
/// </summary>
public sealed record FlowOptions(EcpDevice Device, double FrequencyMhz, int Seed, string OutputDirectory)
{
    public const double MaxFrequencyMhz = 400;
    public const int DefaultSeed = 1;
    public const double DefaultFrequencyMhz = 100;

    /// <summary>Where stage outputs are kept by content hash; default: .cache inside the output directory.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>How long one tool run may take before it is stopped.</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Which clocks get their worst paths in the report, and how many.</summary>
    public TimingReportOptions Timing { get; init; } = new();

    /// <summary>
    /// The default output folder of a run: out/STEP/POINT-DEVICE[EXTRA], where POINT is the design
    /// point's name (the design and every non-default parameter), so runs with different
    /// parameters do not overwrite each other.
    /// </summary>
    public static string DefaultOutputDirectory(string step, string point, EcpDevice device, string extra = "") =>
        Path.Combine("out", step, $"{point}-{device.Name}{extra}");

    public string EffectiveCacheDirectory => CacheDirectory ?? Path.Combine(OutputDirectory, ".cache");

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Device);
        if (!double.IsFinite(FrequencyMhz) || FrequencyMhz <= 0 || FrequencyMhz > MaxFrequencyMhz)
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "--freq must be a clock target in MHz in (0, {0}] (the ECP5 clock limit); got {1}", MaxFrequencyMhz, FrequencyMhz));
        if (Seed < 0)
            throw new ArgumentException($"--seed must be a placement seed >= 0; got {Seed}");
        if (string.IsNullOrWhiteSpace(OutputDirectory))
            throw new ArgumentException("--out must name an output directory; got an empty value");
        if (ToolTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"the tool timeout must be positive; got {ToolTimeout}");
        ArgumentNullException.ThrowIfNull(Timing);
        Timing.Validate();
    }
}
