using Zfpe.Reference.Codecs;
using Zfpe.Reference.Dense;

namespace Zfpe.Reference.Accelerator;

/// <summary>
/// The accelerator's contract: the exact bits a board (or its simulation) returns for a model and a
/// batch. The host encodes the first layer's inputs and every layer's weights with ZFPe
/// (<see cref="AcceleratorConfig.HostCodec"/>) in the layout of <see cref="AcceleratorLayout"/>; the board
/// decodes them, computes each layer as <see cref="DenseReference"/> does on the decoded values (biases
/// raw), and encodes each layer's results with its compressor (<see cref="AcceleratorConfig.Codec"/>),
/// a region per batch tile, which the next layer decodes as its inputs. Rows past the batch (the last batch
/// tile's padding) start at 0 and travel through every layer; they share ZFPe blocks with real rows,
/// so they are part of the contract too.
/// </summary>
public static class AcceleratorReference
{
    public static AcceleratorRun Run(IReadOnlyList<DenseLayer> layers, float[] inputs, int batch, AcceleratorConfig config)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        RequireModel(layers, inputs, batch);

        var geometry = config.Geometry;
        var paddedBatch = geometry.BatchTiles(batch) * geometry.BatchTile;
        var images = new List<AcceleratorLayerImage>(layers.Count);

        // The first layer's inputs as the host writes them: padded rows of zeros, region by region.
        var first = new AcceleratorLayout(geometry, config.HostCodec, layers[0].Outputs, layers[0].Inputs, batch);
        var padded = new float[(long)paddedBatch * layers[0].Inputs];
        Array.Copy(inputs, padded, inputs.Length);
        var inputTiles = Enumerable.Range(0, first.Schedule.BatchTiles)
            .Select(bt => Encode(first.RowTile(padded, layers[0].Inputs, bt), config.HostCodec)).ToList();

        foreach (var layer in layers)
        {
            var layout = new AcceleratorLayout(geometry, config.Codec, layer.Outputs, layer.Inputs, batch, config.RawWeights);
            var schedule = layout.Schedule;

            // What the board's decompressors give: inputs and weights after their ZFPe round trip.
            var x = new float[(long)paddedBatch * layer.Inputs];
            for (var bt = 0; bt < schedule.BatchTiles; bt++)
                layout.ScatterRowTile(Decode(inputTiles[bt], layout.InputValuesPerTile, config.Codec), layer.Inputs, bt, x);
            var weightTiles = new List<byte[]>(schedule.OutputTiles);
            var weights = new float[layer.Weights.Length];
            for (var ot = 0; ot < schedule.OutputTiles; ot++)
            {
                var tile = layout.WeightTile(layer, ot);
                if (config.RawWeights)
                {
                    weightTiles.Add(RawBytes(tile));
                    layout.ScatterWeightTile(tile, ot, weights);
                    continue;
                }
                var stream = Encode(tile, config.HostCodec);
                weightTiles.Add(stream);
                layout.ScatterWeightTile(Decode(stream, layout.WeightValuesPerTile, config.Codec), ot, weights);
            }

            var results = DenseReference.Compute(layer with { Weights = weights }, x, paddedBatch, config.Format);
            var outputTiles = Enumerable.Range(0, schedule.BatchTiles)
                .Select(bt => Encode(layout.RowTile(results, layer.Outputs, bt), config.Codec)).ToList();
            images.Add(new AcceleratorLayerImage(layout, weightTiles, layout.BiasRegion(layer), inputTiles, results, outputTiles));
            inputTiles = outputTiles;
        }

        var last = images[^1].Layout;
        var decoded = new float[(long)paddedBatch * last.Schedule.Outputs];
        for (var bt = 0; bt < last.Schedule.BatchTiles; bt++)
            last.ScatterRowTile(Decode(inputTiles[bt], last.OutputValuesPerTile, config.Codec), last.Schedule.Outputs, bt, decoded);
        var outputs = decoded.AsSpan(0, batch * last.Schedule.Outputs).ToArray();
        return new AcceleratorRun(images, batch, outputs, Exact(layers, inputs, batch));
    }

    /// <summary>The model in float64 on its original weights and inputs (ReLU where the layer has it).</summary>
    public static double[] Exact(IReadOnlyList<DenseLayer> layers, float[] inputs, int batch)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(inputs);
        RequireModel(layers, inputs, batch);
        var x = inputs.Select(v => (double)v).ToArray();
        foreach (var layer in layers)
        {
            var y = new double[(long)batch * layer.Outputs];
            for (var b = 0; b < batch; b++)
                for (var o = 0; o < layer.Outputs; o++)
                {
                    double acc = layer.BiasOf(o);
                    for (var i = 0; i < layer.Inputs; i++) acc += layer.Weight(o, i) * x[(long)b * layer.Inputs + i];
                    y[(long)b * layer.Outputs + o] = layer.Activation == DenseActivation.Relu ? Math.Max(0, acc) : acc;
                }
            x = y;
        }
        return x;
    }

    /// <summary>Float32 values as little-endian bytes (the raw weight regions).</summary>
    private static byte[] RawBytes(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return bytes;
    }

    private static byte[] Encode(float[] values, ZfpeParameters codec) => ZfpeCodec.Compress(values, codec, out _);

    private static float[] Decode(byte[] stream, long values, ZfpeParameters codec) => ZfpeCodec.Decompress(stream, values, codec);

    /// <summary>The layers chain (each takes the previous one's outputs), the inputs fill the batch, and every value is finite.</summary>
    private static void RequireModel(IReadOnlyList<DenseLayer> layers, float[] inputs, int batch)
    {
        if (layers.Count == 0) throw new ArgumentException("the model has no layers: give at least one");
        for (var n = 0; n < layers.Count; n++)
        {
            ArgumentNullException.ThrowIfNull(layers[n]);
            layers[n].Validate();
            if (n > 0 && layers[n].Inputs != layers[n - 1].Outputs)
                throw new ArgumentException($"layer {n + 1} takes {layers[n].Inputs} inputs, but layer {n} gives {layers[n - 1].Outputs} outputs");
            RequireFinite(layers[n].Weights, $"layer {n + 1}'s weights", layers[n].Inputs);
            if (layers[n].Bias is { } bias) RequireFinite(bias, $"layer {n + 1}'s bias", bias.Length);
        }
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, $"the batch needs at least one row, not {batch}");
        if (inputs.LongLength != (long)batch * layers[0].Inputs)
            throw new ArgumentException($"the inputs hold {inputs.LongLength} values, but {batch} rows of {layers[0].Inputs} inputs need {(long)batch * layers[0].Inputs}");
        RequireFinite(inputs, "the inputs", layers[0].Inputs);
    }

    private static void RequireFinite(float[] values, string what, int width)
    {
        var at = Array.FindIndex(values, v => !float.IsFinite(v));
        if (at >= 0)
            throw new ArgumentException($"{what} hold {values[at]} at [{at / width}, {at % width}]: the accelerator takes finite values only");
    }
}
