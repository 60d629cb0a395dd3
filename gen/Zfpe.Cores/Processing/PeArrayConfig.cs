using Zfpe.Cores.Float;
using Zfpe.Hdl;

namespace Zfpe.Cores.Processing;

/// <summary>
/// The parameters of a <see cref="PeArray"/>: <paramref name="Pes"/> processing elements, each a
/// <see cref="ProcessingElement"/> of the given format (<paramref name="M"/>, <paramref name="GuardBits"/>,
/// <paramref name="LevelsPerStage"/>) owning K = <paramref name="OutputsPerPe"/> outputs of a tile for
/// B = <paramref name="BatchTile"/> batch rows. The same names as <c>ArrayGeometry</c> in the reference.
/// </summary>
public sealed record PeArrayConfig(
    [property: Parameter("pes", "processing elements; a tile is pes x outputs-per-pe outputs", Min = 1, Max = PeArrayConfig.MaxPes)] int Pes = 16,
    [property: Parameter("m", "significand bits including the hidden bit (18: one MULT18X18D per product)", Min = FloatCoreConfig.MinM, Max = FloatCoreConfig.MaxM)] int M = 18,
    [property: Parameter("guard-bits", "adder: bits kept below the aligned significands (no sticky bit)", Min = FloatCoreConfig.MinGuardBits, Max = FloatCoreConfig.MaxGuardBits)] int GuardBits = 1,
    [property: Parameter("levels-per-stage", "adder: shifter and normaliser levels per register stage", Min = 1, Max = 8)] int LevelsPerStage = 2,
    [property: Parameter("outputs-per-pe", "K: outputs each PE accumulates at once", Min = 1, Max = PeConfig.MaxOutputsPerPe)] int OutputsPerPe = 8,
    [property: Parameter("batch-tile", "B: batch rows per tile, K x B partial sums per PE (at most 512)", Min = 1, Max = PeConfig.MaxBatchTile)] int BatchTile = 16)
{
    public const int MaxPes = 64;

    /// <summary>Bits of the run-time <c>layer_outputs</c> port: layers of up to 65535 outputs.</summary>
    public const int OutputCountBits = 16;

    /// <summary>The configuration of each PE.</summary>
    public PeConfig Pe => new(M, GuardBits, LevelsPerStage, OutputsPerPe, BatchTile);

    /// <summary>Outputs computed together: pes x outputs-per-pe.</summary>
    public int TileOutputs => Pes * OutputsPerPe;

    /// <summary>Throws a <see cref="ParameterValueException"/> naming the parameter, its value and the allowed range.</summary>
    public void Validate()
    {
        ConfigParameters.Check(this);
        Pe.Validate();
    }
}
