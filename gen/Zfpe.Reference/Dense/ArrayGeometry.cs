namespace Zfpe.Reference.Dense;

/// <summary>
/// The shape of the PE array that computes a dense layer: <paramref name="Pes"/> processing
/// elements, each owning <paramref name="OutputsPerPe"/> outputs of a tile (a tile is
/// <see cref="TileOutputs"/> = pes · outputs-per-pe outputs), for <paramref name="BatchTile"/> batch rows
/// at a time. Each PE keeps OutputsPerPe · BatchTile partial sums. The geometry fixes the order of the
/// streams (<see cref="ArraySchedule"/>), not the bits of the results: every output is accumulated
/// in input order whatever the geometry (<see cref="DenseReference"/>).
/// </summary>
public sealed record ArrayGeometry(int Pes = 16, int OutputsPerPe = 8, int BatchTile = 16)
{
    public const int MaxPes = 64;
    public const int MaxOutputsPerPe = 64;
    public const int MaxBatchTile = 256;

    /// <summary>Partial sums one PE holds (its accumulator memory's words per bank).</summary>
    public const int MaxAccumulators = 512;

    public void Validate()
    {
        if (Pes is < 1 or > MaxPes)
            throw new ArgumentOutOfRangeException(nameof(Pes), Pes, $"pes = {Pes} is out of range: allowed 1..{MaxPes}");
        if (OutputsPerPe is < 1 or > MaxOutputsPerPe)
            throw new ArgumentOutOfRangeException(nameof(OutputsPerPe), OutputsPerPe, $"outputs-per-pe = {OutputsPerPe} is out of range: allowed 1..{MaxOutputsPerPe}");
        if (BatchTile is < 1 or > MaxBatchTile)
            throw new ArgumentOutOfRangeException(nameof(BatchTile), BatchTile, $"batch-tile = {BatchTile} is out of range: allowed 1..{MaxBatchTile}");
        if (Accumulators > MaxAccumulators)
            throw new ArgumentOutOfRangeException(nameof(BatchTile), BatchTile,
                $"outputs-per-pe × batch-tile = {OutputsPerPe} × {BatchTile} = {Accumulators} partial sums per PE exceed {MaxAccumulators}");
    }

    /// <summary>Outputs computed together: pes · outputs-per-pe.</summary>
    public int TileOutputs => Pes * OutputsPerPe;

    /// <summary>Partial sums per PE: outputs-per-pe · batch-tile.</summary>
    public int Accumulators => OutputsPerPe * BatchTile;

    /// <summary>Output tiles of a layer with <paramref name="outputs"/> outputs; the last one may be partly padding.</summary>
    public int OutputTiles(int outputs) => (outputs + TileOutputs - 1) / TileOutputs;

    /// <summary>Batch tiles for <paramref name="batch"/> rows; the last one may be partly padding.</summary>
    public int BatchTiles(int batch) => (batch + BatchTile - 1) / BatchTile;

    /// <summary>The PE that owns output <paramref name="output"/> (of its tile) and its slot there.</summary>
    public (int Pe, int Slot) Owner(int output)
    {
        var inTile = output % TileOutputs;
        return (inTile / OutputsPerPe, inTile % OutputsPerPe);
    }

    public override string ToString() => $"pes={Pes}, outputs-per-pe={OutputsPerPe}, batch-tile={BatchTile}";
}
