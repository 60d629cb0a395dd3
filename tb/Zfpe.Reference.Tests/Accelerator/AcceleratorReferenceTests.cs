using Zfpe.Reference.Accelerator;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Dense;
using Zfpe.Reference.Float;

namespace Zfpe.Reference.Tests.Accelerator;

public class AcceleratorReferenceTests
{
    /// <summary>4 PEs of 2 outputs for 8 rows: sizes below are not multiples of the tile (T = 8, B = 8).</summary>
    private static readonly ArrayGeometry Small = new(Pes: 4, OutputsPerPe: 2, BatchTile: 8);

    private static AcceleratorConfig Config(int b = 5, ZfpeRounding host = ZfpeRounding.Truncate) =>
        new(Small, SimpleFloatFormat.Default, new ZfpeParameters(b), host);

    private static DenseLayer RandomLayer(Random rng, int outputs, int inputs, DenseActivation activation) =>
        new(outputs, inputs, Enumerable.Range(0, outputs * inputs).Select(_ => (float)((rng.NextDouble() * 2 - 1) / Math.Sqrt(inputs))).ToArray(),
            Enumerable.Range(0, outputs).Select(_ => (float)(rng.NextDouble() * 0.2 - 0.1)).ToArray(), activation);

    /// <summary>A 37 → 19 (ReLU) → 10 model and a batch of 21, from one seed.</summary>
    private static (DenseLayer[] Layers, float[] Inputs) Mlp(int seed, int batch = 21)
    {
        var rng = new Random(seed);
        var layers = new[] { RandomLayer(rng, 19, 37, DenseActivation.Relu), RandomLayer(rng, 10, 19, DenseActivation.None) };
        return (layers, Enumerable.Range(0, batch * 37).Select(_ => (float)(rng.NextDouble() * 2)).ToArray());
    }

    /// <summary>The contract rebuilt from the array's stream orders (ArraySchedule), not from the layout's own code.</summary>
    [Fact]
    public void Every_layers_output_streams_are_the_array_results_of_the_decoded_weights_and_inputs_compressed_batch_tile_by_batch_tile()
    {
        var (layers, inputs) = Mlp(seed: 1);
        var config = Config();
        var run = AcceleratorReference.Run(layers, inputs, 21, config);
        var codec = config.Codec;
        var x = inputs;
        var rowsIn = 21;
        for (var n = 0; n < layers.Length; n++)
        {
            var layer = layers[n];
            var schedule = new ArraySchedule(Small, layer.Outputs, layer.Inputs, 21);
            var padded = schedule.PaddedBatch;
            // Inputs: the stream of each batch tile (its first output tile's share), through ZFPe.
            var xq = new float[padded * layer.Inputs];
            var order = schedule.InputOrder().ToList();
            var perTile = layer.Inputs * Small.BatchTile;
            var stream = n == 0 ? schedule.InputValues(x).ToArray() : null;
            for (var bt = 0; bt < schedule.BatchTiles; bt++)
            {
                var at = bt * schedule.OutputTiles * perTile;
                var bytes = n == 0 ? ZfpeCodec.Compress(stream.AsSpan(at, perTile), codec, out _) : run.Layers[n - 1].OutputTiles[bt];
                Assert.Equal(bytes, run.Layers[n].InputTiles[bt]);
                var decoded = ZfpeCodec.Decompress(bytes, perTile, codec);
                for (var k = 0; k < perTile; k++) xq[order[at + k].Row * layer.Inputs + order[at + k].Input] = decoded[k];
            }
            // Weights: each output tile's stream (the first batch tile's copy), through ZFPe.
            var wq = new float[layer.Weights.Length];
            var weightStream = schedule.Weights(layer).ToArray();
            var weightOrder = schedule.WeightOrder().ToList();
            var weightsPerTile = layer.Inputs * Small.TileOutputs;
            for (var ot = 0; ot < schedule.OutputTiles; ot++)
            {
                var bytes = ZfpeCodec.Compress(weightStream.AsSpan(ot * weightsPerTile, weightsPerTile), codec, out _);
                Assert.Equal(bytes, run.Layers[n].WeightTiles[ot]);
                var decoded = ZfpeCodec.Decompress(bytes, weightsPerTile, codec);
                for (var k = 0; k < weightsPerTile; k++)
                {
                    var (o, i) = weightOrder[ot * weightsPerTile + k];
                    if (o < layer.Outputs) wq[o * layer.Inputs + i] = decoded[k];
                }
            }
            Assert.Equal(schedule.Biases(layer).Take(schedule.OutputTiles * Small.TileOutputs), run.Layers[n].Biases);
            // The array's results on them, then the compressor, a batch tile at a time in result order.
            var y = DenseReference.Compute(layer with { Weights = wq }, xq, padded, SimpleFloatFormat.Default);
            Assert.Equal(y, run.Layers[n].Results);
            var results = schedule.ResultOrder().Select(r => y[r.Row * layer.Outputs + r.Output]).ToArray();
            var resultsPerTile = layer.Outputs * Small.BatchTile;
            for (var bt = 0; bt < schedule.BatchTiles; bt++)
                Assert.Equal(ZfpeCodec.Compress(results.AsSpan(bt * resultsPerTile, resultsPerTile), codec, out _), run.Layers[n].OutputTiles[bt]);
            x = y;
            rowsIn = padded;
        }
        Assert.Equal(24, rowsIn);
    }

    [Fact]
    public void The_outputs_are_the_last_layers_streams_decoded_without_the_padding_rows()
    {
        var (layers, inputs) = Mlp(seed: 2);
        var run = AcceleratorReference.Run(layers, inputs, 21, Config());
        var last = run.Layers[^1];
        Assert.Equal(21 * 10, run.Outputs.Length);
        for (var bt = 0; bt < 3; bt++)
        {
            var region = ZfpeCodec.Decompress(last.OutputTiles[bt], 10 * 8, Config().Codec);
            for (var o = 0; o < 10; o++)
                for (var r = 0; r < 8; r++)
                    if (bt * 8 + r < 21) Assert.Equal(region[o * 8 + r], run.Outputs[(bt * 8 + r) * 10 + o]);
        }
    }

    [Fact]
    public void A_wider_code_brings_the_outputs_closer_to_float64()
    {
        var (layers, inputs) = Mlp(seed: 3);
        double RelativeRms(AcceleratorRun run) =>
            Math.Sqrt(run.Outputs.Select((v, k) => (v - run.Exact[k]) * (v - run.Exact[k])).Sum() / run.Exact.Select(e => e * e).Sum());
        var b5 = RelativeRms(AcceleratorReference.Run(layers, inputs, 21, Config(b: 5)));
        var b9 = RelativeRms(AcceleratorReference.Run(layers, inputs, 21, Config(b: 9)));
        // The authors' split and truncation: about 3 % at b = 9 and 29 % at b = 5 on this small model.
        Assert.InRange(b9, 1e-4, 0.05);
        Assert.True(b9 < b5 / 4, $"relative RMS b=9 {b9:E3}, b=5 {b5:E3}");
        Assert.InRange(b5, 1e-3, 0.5);
    }

    [Fact]
    public void Nearest_host_rounding_changes_only_what_the_host_encodes_and_brings_the_weights_closer()
    {
        var (layers, inputs) = Mlp(seed: 4);
        var truncate = AcceleratorReference.Run(layers, inputs, 21, Config());
        var nearest = AcceleratorReference.Run(layers, inputs, 21, Config(host: ZfpeRounding.Nearest));
        double WeightError(AcceleratorRun run)
        {
            var tile = run.Layers[0].Layout;
            var original = tile.WeightTile(layers[0], 0);
            var decoded = ZfpeCodec.Decompress(run.Layers[0].WeightTiles[0], original.Length, Config().Codec);
            return original.Select((v, k) => (double)(v - decoded[k]) * (v - decoded[k])).Sum();
        }
        Assert.NotEqual(truncate.Layers[0].WeightTiles[0], nearest.Layers[0].WeightTiles[0]);
        Assert.True(WeightError(nearest) < WeightError(truncate));
    }

    [Fact]
    public void The_layout_gives_each_regions_size_in_bytes()
    {
        var (layers, inputs) = Mlp(seed: 9);
        var run = AcceleratorReference.Run(layers, inputs, 21, Config());
        foreach (var image in run.Layers)
        {
            var layout = image.Layout;
            Assert.All(image.WeightTiles, t => Assert.Equal(layout.WeightBytesPerTile, t.Length));
            Assert.All(image.InputTiles, t => Assert.Equal(layout.InputBytesPerTile, t.Length));
            Assert.All(image.OutputTiles, t => Assert.Equal(layout.OutputBytesPerTile, t.Length));
            Assert.Equal(layout.BiasBytes, image.Biases.Length * sizeof(float));
        }
        // Layer 1: 37 inputs × T = 8 weights a tile, 296 values = 74 blocks of 32 bits at b = 5.
        Assert.Equal(296, run.Layers[0].Layout.WeightBytesPerTile);
    }

    [Fact]
    public void Padding_rows_enter_the_first_layer_as_zeros()
    {
        // A batch of 20 on tiles of 8 rows: rows 20..23 are a whole ZFPe block of padding in every column.
        var (layers, inputs) = Mlp(seed: 5, batch: 20);
        var run = AcceleratorReference.Run(layers, inputs, 20, Config());
        var region = ZfpeCodec.Decompress(run.Layers[0].InputTiles[2], 37 * 8, Config().Codec);
        for (var i = 0; i < 37; i++)
        {
            for (var r = 4; r < 8; r++) Assert.Equal(0f, region[i * 8 + r]);
            Assert.NotEqual(0f, region[i * 8]);
        }
    }

    [Fact]
    public void Layers_that_do_not_chain_are_refused_naming_both()
    {
        var (layers, inputs) = Mlp(seed: 6);
        var broken = new[] { layers[0], layers[1] with { Inputs = 20, Weights = new float[200] } };
        var e = Assert.Throws<ArgumentException>(() => AcceleratorReference.Run(broken, inputs, 21, Config()));
        Assert.Equal("layer 2 takes 20 inputs, but layer 1 gives 19 outputs", e.Message);
    }

    [Fact]
    public void A_non_finite_input_is_refused_with_its_position()
    {
        var (layers, inputs) = Mlp(seed: 7);
        inputs[2 * 37 + 5] = float.NaN;
        var e = Assert.Throws<ArgumentException>(() => AcceleratorReference.Run(layers, inputs, 21, Config()));
        Assert.Equal("the inputs hold NaN at [2, 5]: the accelerator takes finite values only", e.Message);
    }

    [Fact]
    public void Inputs_that_do_not_fill_the_batch_are_refused()
    {
        var (layers, inputs) = Mlp(seed: 8);
        var e = Assert.Throws<ArgumentException>(() => AcceleratorReference.Run(layers, inputs, 20, Config()));
        Assert.Equal("the inputs hold 777 values, but 20 rows of 37 inputs need 740", e.Message);
    }
}
