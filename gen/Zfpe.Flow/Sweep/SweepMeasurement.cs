namespace Zfpe.Flow.Sweep;

/// <summary>
/// A figure a design measures for one point outside the tools (for the PE array: multiply-adds per
/// cycle in co-simulation), shown in results.csv under <paramref name="Name"/> and in the report's table.
/// </summary>
/// <param name="Name">Column name, snake_case (e.g. "macs_per_cycle").</param>
/// <param name="Value">The figure.</param>
/// <param name="Description">What was measured and how, for the report.</param>
public sealed record SweepMeasurement(string Name, double Value, string Description);
