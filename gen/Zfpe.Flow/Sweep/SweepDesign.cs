using Zfpe.Hdl.Emit;

namespace Zfpe.Flow.Sweep;

/// <summary>
/// What a sweep needs to know about a design, as functions, so that the Flow never sees how a
/// design is described: its parameters, how a point's settings resolve (defaults filled in,
/// validated), how a point is turned into Verilog, and, for codec designs, how good its
/// compression is and how many values it takes per clock cycle.
/// </summary>
public sealed record SweepDesign
{
    /// <summary>The design's name (kebab-case, as `zfpe designs` lists it).</summary>
    public required string Name { get; init; }

    /// <summary>Every parameter of the design, in declaration order (the column order of the tables).</summary>
    public required IReadOnlyList<string> ParameterNames { get; init; }

    /// <summary>
    /// Given settings → every parameter's value (defaults filled in). Throws
    /// <see cref="ArgumentException"/> for an unknown parameter or a value out of range.
    /// </summary>
    public required Func<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>> Resolve { get; init; }

    /// <summary>Resolved parameters → the design's Verilog.</summary>
    public required Func<IReadOnlyDictionary<string, string>, EmittedDesign> Emit { get; init; }

    /// <summary>Codec designs: resolved parameters → compression quality on each reference dataset (the first is the primary one).</summary>
    public Func<IReadOnlyDictionary<string, string>, IReadOnlyList<SweepQuality>>? Quality { get; init; }

    /// <summary>Designs with a throughput: resolved parameters → values accepted per clock cycle (the pipeline width).</summary>
    public Func<IReadOnlyDictionary<string, string>, int>? ValuesPerCycle { get; init; }

    /// <summary>Designs with figures of their own (measured in simulation, for instance): resolved parameters → the figures, computed once per point.</summary>
    public Func<IReadOnlyDictionary<string, string>, IReadOnlyList<SweepMeasurement>>? Measure { get; init; }

    /// <summary>One sentence per reference dataset, for the report (what the quality columns were measured on).</summary>
    public IReadOnlyList<string> QualityDatasets { get; init; } = [];
}
