namespace Zfpe.Flow.Sweep;

/// <summary>
/// A figure a design measures for one point outside the tools (for the PE array: multiply-adds per
/// cycle in co-simulation), shown in results.csv under <paramref name="Name"/> and in the report's table.
/// </summary>
/// <param name="Name">Column name, snake_case (e.g. "macs_per_cycle").</param>
/// <param name="Value">The figure.</param>
/// <param name="Description">What was measured and how, for the report.</param>
/// <param name="PerSecond">
/// For a figure per clock cycle: the column name (snake_case, in millions per second, e.g.
/// "mmacs_per_second") of the figure at the clock place and route reached: <paramref name="Value"/> ×
/// Fmax, at each seed's Fmax in results.csv and at the median Fmax in the report. Null for others.
/// </param>
public sealed record SweepMeasurement(string Name, double Value, string Description, string? PerSecond = null)
{
    /// <summary>The figure per second at <paramref name="fmaxMhz"/>, in millions, when it is a figure per cycle and the clock is known.</summary>
    public double? MillionsPerSecondAt(double? fmaxMhz) => PerSecond is not null && fmaxMhz is { } f ? Value * f : null;
}
