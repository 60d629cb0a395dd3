namespace Zfpe.Reference.Dense;

/// <summary>
/// The order in which the PE array takes its weights, biases and inputs and gives its results,
/// for a layer of <c>outputs</c> × <c>inputs</c> and a batch. The array works batch tile by batch
/// tile (<see cref="ArrayGeometry.BatchTile"/> rows) and, inside one, output tile by output tile
/// (<see cref="ArrayGeometry.TileOutputs"/> outputs); for each (batch tile, output tile):
/// <list type="bullet">
/// <item>biases: for each PE p, slot k: output tile·T + p·K + k;</item>
/// <item>weights: for each input i: for each PE p, slot k: W[o, i] (a padding output o ≥ outputs has weight 0 and bias 0);</item>
/// <item>inputs: for each input i: for each row b of the batch tile: x[b, i] (rows past the batch are padding, 0);</item>
/// <item>results: for each output o of the tile in order, skipping padding outputs: for each row b of the batch tile: y[b, o],
/// padding rows included (they hold what padding inputs give; the host drops them).</item>
/// </list>
/// The results of a batch tile, output tile after output tile, are thus ordered "for o: for b": the
/// same order as the inputs of the next layer ("for i: for b"), so an MLP runs layer after layer
/// on the data the previous layer wrote. Padding rows of the last batch tile travel through every layer.
/// </summary>
public sealed class ArraySchedule
{
    public ArraySchedule(ArrayGeometry geometry, int outputs, int inputs, int batch)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        geometry.Validate();
        if (outputs < 1 || inputs < 1 || batch < 1)
            throw new ArgumentException($"a layer of {outputs} outputs × {inputs} inputs with a batch of {batch}: each must be at least 1");
        Geometry = geometry;
        Outputs = outputs;
        Inputs = inputs;
        Batch = batch;
    }

    public ArrayGeometry Geometry { get; }
    public int Outputs { get; }
    public int Inputs { get; }
    public int Batch { get; }

    public int OutputTiles => Geometry.OutputTiles(Outputs);
    public int BatchTiles => Geometry.BatchTiles(Batch);

    /// <summary>Batch rows the array computes: the batch padded to whole batch tiles.</summary>
    public int PaddedBatch => BatchTiles * Geometry.BatchTile;

    /// <summary>Multiply-adds the array performs, padding included.</summary>
    public long MultiplyAdds => (long)BatchTiles * OutputTiles * Geometry.TileOutputs * Geometry.BatchTile * Inputs;

    /// <summary>(batch tile, output tile) in the order the array works on them.</summary>
    public IEnumerable<(int BatchTile, int OutputTile)> Tiles()
    {
        for (var bt = 0; bt < BatchTiles; bt++)
            for (var ot = 0; ot < OutputTiles; ot++)
                yield return (bt, ot);
    }

    /// <summary>The output each bias belongs to, in stream order (an output ≥ <see cref="Outputs"/> is padding: bias 0).</summary>
    public IEnumerable<int> BiasOrder()
    {
        foreach (var (_, ot) in Tiles())
            for (var j = 0; j < Geometry.TileOutputs; j++) yield return ot * Geometry.TileOutputs + j;
    }

    /// <summary>(output, input) of each weight in stream order (output ≥ <see cref="Outputs"/>: padding, weight 0).</summary>
    public IEnumerable<(int Output, int Input)> WeightOrder()
    {
        foreach (var (_, ot) in Tiles())
            for (var i = 0; i < Inputs; i++)
                for (var j = 0; j < Geometry.TileOutputs; j++) yield return (ot * Geometry.TileOutputs + j, i);
    }

    /// <summary>(row, input) of each input value in stream order (row ≥ <see cref="Batch"/>: padding, 0).</summary>
    public IEnumerable<(int Row, int Input)> InputOrder()
    {
        foreach (var (bt, _) in Tiles())
            for (var i = 0; i < Inputs; i++)
                for (var r = 0; r < Geometry.BatchTile; r++) yield return (bt * Geometry.BatchTile + r, i);
    }

    /// <summary>(row, output) of each result in stream order (row ≥ <see cref="Batch"/>: a padding row).</summary>
    public IEnumerable<(int Row, int Output)> ResultOrder()
    {
        foreach (var (bt, ot) in Tiles())
            for (var j = 0; j < Geometry.TileOutputs; j++)
            {
                var o = ot * Geometry.TileOutputs + j;
                if (o >= Outputs) continue;
                for (var r = 0; r < Geometry.BatchTile; r++) yield return (bt * Geometry.BatchTile + r, o);
            }
    }

    /// <summary>The weight stream's values for <paramref name="layer"/>.</summary>
    public IEnumerable<float> Weights(DenseLayer layer) => WeightOrder().Select(w => w.Output < Outputs ? layer.Weight(w.Output, w.Input) : 0f);

    /// <summary>The bias stream's values for <paramref name="layer"/>.</summary>
    public IEnumerable<float> Biases(DenseLayer layer) => BiasOrder().Select(o => o < Outputs ? layer.BiasOf(o) : 0f);

    /// <summary>The result stream's values: the layer on the padded batch, in <see cref="ResultOrder"/>.</summary>
    public IEnumerable<float> ResultValues(DenseLayer layer, float[] inputs, Float.SimpleFloatFormat format)
    {
        var padded = new float[(long)PaddedBatch * Inputs];
        Array.Copy(inputs, padded, (long)Batch * Inputs);
        var y = DenseReference.Compute(layer, padded, PaddedBatch, format);
        return ResultOrder().Select(r => y[(long)r.Row * Outputs + r.Output]);
    }

    /// <summary>The input stream's values for a batch (row-major, batch × inputs).</summary>
    public IEnumerable<float> InputValues(float[] inputs) => InputOrder().Select(x => x.Row < Batch ? inputs[(long)x.Row * Inputs + x.Input] : 0f);
}
