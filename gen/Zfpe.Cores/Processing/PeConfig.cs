using Zfpe.Cores.Float;
using Zfpe.Hdl;

namespace Zfpe.Cores.Processing;

/// <summary>
/// The parameters of a <see cref="ProcessingElement"/>: the number format of its float cores
/// (<paramref name="M"/>, <paramref name="GuardBits"/>, the adder's <paramref name="LevelsPerStage"/>,
/// as in <see cref="FloatCoreConfig"/>) and the outputs it accumulates at once: K =
/// <paramref name="OutputsPerPe"/> outputs for B = <paramref name="BatchTile"/> batch rows, K·B partial
/// sums circulating through its accumulator queue (<c>BlockRamQueue</c>: two DP16KD; at most 512, as <c>ArrayGeometry</c>).
/// </summary>
public sealed record PeConfig(
    [property: Parameter("m", "significand bits including the hidden bit (18: one MULT18X18D per product)", Min = FloatCoreConfig.MinM, Max = FloatCoreConfig.MaxM)] int M = 18,
    [property: Parameter("guard-bits", "adder: bits kept below the aligned significands (no sticky bit)", Min = FloatCoreConfig.MinGuardBits, Max = FloatCoreConfig.MaxGuardBits)] int GuardBits = 1,
    [property: Parameter("levels-per-stage", "adder: shifter and normaliser levels per register stage", Min = 1, Max = 8)] int LevelsPerStage = 2,
    [property: Parameter("outputs-per-pe", "K: outputs accumulated at once, each weight W[k, i] is used for the B rows in a row", Min = 1, Max = PeConfig.MaxOutputsPerPe)] int OutputsPerPe = 8,
    [property: Parameter("batch-tile", "B: batch rows per tile, K x B partial sums circulate (at most 512)", Min = 1, Max = PeConfig.MaxBatchTile)] int BatchTile = 16)
{
    public const int MaxOutputsPerPe = 64;
    public const int MaxBatchTile = 256;

    /// <summary>Partial sums per PE: the limit of <c>ArrayGeometry</c> (the queue itself holds 1024).</summary>
    public const int MaxAccumulators = 512;

    /// <summary>Throws a <see cref="ParameterValueException"/> naming the parameter, its value and the allowed range.</summary>
    public void Validate()
    {
        ConfigParameters.Check(this);
        if (Accumulators > MaxAccumulators)
            throw new ParameterValueException(
                $"parameter 'batch-tile' = {BatchTile} with outputs-per-pe = {OutputsPerPe}: {OutputsPerPe} x {BatchTile} = {Accumulators} partial sums exceed the accumulator queue's {MaxAccumulators} (allowed: outputs-per-pe x batch-tile <= {MaxAccumulators})",
                nameof(BatchTile));
    }

    /// <summary>The float cores' format and depth.</summary>
    public FloatCoreConfig Float => new(M, GuardBits, LevelsPerStage);

    /// <summary>K · B: the partial sums that circulate.</summary>
    public int Accumulators => OutputsPerPe * BatchTile;
}
