using Zfpe.Reference.Dense;
using Zfpe.Reference.Float;

namespace Zfpe.Reference.Tests.Dense;

public class DenseReferenceTests
{
    private static DenseLayer RandomLayer(Random rng, int outputs, int inputs, bool bias, DenseActivation activation) =>
        new(outputs, inputs, Enumerable.Range(0, outputs * inputs).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray(),
            bias ? Enumerable.Range(0, outputs).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray() : null, activation);

    private static float[] RandomInputs(Random rng, int count) => Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();

    /// <summary>A random layer with bias and no activation, then <paramref name="batch"/> random input vectors for it, from one seed.</summary>
    private static (DenseLayer Layer, float[] Inputs) RandomProblem(int seed, int outputs, int inputs, int batch)
    {
        var rng = new Random(seed);
        var layer = RandomLayer(rng, outputs, inputs, bias: true, DenseActivation.None);
        return (layer, RandomInputs(rng, batch * inputs));
    }

    [Fact]
    public void Each_output_starts_at_its_bias_and_takes_the_products_in_input_order()
    {
        var (layer, x) = RandomProblem(seed: 1, 5, 37, batch: 3);
        var y = DenseReference.Compute(layer, x, 3, SimpleFloatFormat.Default);
        for (var b = 0; b < 3; b++)
            for (var o = 0; o < 5; o++)
            {
                var acc = layer.BiasOf(o);
                for (var i = 0; i < 37; i++) acc = SimpleFloat.Add(acc, SimpleFloat.Multiply(layer.Weight(o, i), x[b * 37 + i], SimpleFloatFormat.Default), SimpleFloatFormat.Default);
                Assert.Equal(BitConverter.SingleToUInt32Bits(acc), BitConverter.SingleToUInt32Bits(y[b * 5 + o]));
            }
    }

    [Fact]
    public void Relu_turns_negative_results_into_positive_zero_and_keeps_the_rest()
    {
        var (plain, x) = RandomProblem(seed: 2, 16, 20, batch: 4);
        var relu = plain with { Activation = DenseActivation.Relu };
        var a = DenseReference.Compute(plain, x, 4, SimpleFloatFormat.Default);
        var r = DenseReference.Compute(relu, x, 4, SimpleFloatFormat.Default);
        Assert.Contains(a, v => v < 0);
        for (var k = 0; k < a.Length; k++)
            Assert.Equal(BitConverter.SingleToUInt32Bits(a[k] < 0 ? 0f : a[k]), BitConverter.SingleToUInt32Bits(r[k]));
    }

    [Fact]
    public void The_simplified_float_result_stays_close_to_float64()
    {
        var (layer, x) = RandomProblem(seed: 3, 64, 256, batch: 8);
        var y = DenseReference.Compute(layer, x, 8, SimpleFloatFormat.Default);
        var exact = DenseReference.ComputeExact(layer, x, 8);
        var scale = Math.Sqrt(exact.Average(v => v * v));
        var rms = Math.Sqrt(y.Zip(exact, (a, e) => (a - e) * (a - e)).Average());
        Assert.InRange(rms / scale, 1e-7, 1e-3); // 18-bit significands with truncation: about 2^-15 relative per step
    }

    [Fact]
    public void A_layer_of_the_wrong_shape_is_rejected_with_the_sizes()
    {
        var layer = new DenseLayer(3, 4, new float[12], new float[2], DenseActivation.None);
        var e = Assert.Throws<ArgumentException>(() => DenseReference.Compute(layer, new float[4], 1, SimpleFloatFormat.Default));
        Assert.Contains("the bias holds 2 values, but the layer has 3 outputs", e.Message);
        var ok = layer with { Bias = null };
        var x = Assert.Throws<ArgumentException>(() => DenseReference.Compute(ok, new float[7], 2, SimpleFloatFormat.Default));
        Assert.Contains("the inputs hold 7 values, but 2 rows of 4 inputs need 8", x.Message);
    }

    [Theory]
    [InlineData(1, 1, 1, 3, 5, 1)]
    [InlineData(4, 2, 4, 19, 7, 10)]
    [InlineData(16, 8, 16, 256, 256, 16)]
    public void The_streams_cover_every_padded_tile_and_results_come_in_the_next_layers_input_order(int pes, int k, int batchTile, int outputs, int inputs, int batch)
    {
        var g = new ArrayGeometry(pes, k, batchTile);
        var s = new ArraySchedule(g, outputs, inputs, batch);
        var tiles = s.OutputTiles * s.BatchTiles;
        Assert.Equal((long)tiles * g.TileOutputs * inputs, s.WeightOrder().LongCount());
        Assert.Equal((long)tiles * inputs * batchTile, s.InputOrder().LongCount());
        Assert.Equal(tiles * g.TileOutputs, s.BiasOrder().Count());
        Assert.Equal(s.MultiplyAdds, (long)tiles * g.TileOutputs * batchTile * inputs);
        // Every real (row, output) once; padding rows too; no padding output.
        var results = s.ResultOrder().ToList();
        Assert.Equal(s.PaddedBatch * outputs, results.Count);
        Assert.Equal(results.Count, results.Distinct().Count());
        Assert.All(results, r => Assert.InRange(r.Output, 0, outputs - 1));
        // The next layer (inputs = these outputs) reads, per batch tile, exactly this order.
        var next = new ArraySchedule(g, 1, outputs, batch);
        var nextInputs = Enumerable.Range(0, s.BatchTiles)
            .SelectMany(bt => next.InputOrder().Where(x => x.Row / batchTile == bt).Distinct()).ToList();
        Assert.Equal(results.Select(r => (r.Row, r.Output)), nextInputs.Select(x => (x.Row, x.Input)));
    }

    [Fact]
    public void Result_values_follow_the_result_order_and_padding_rows_compute_from_zero_inputs()
    {
        var rng = new Random(4);
        var layer = RandomLayer(rng, 7, 9, bias: true, DenseActivation.Relu);
        var x = RandomInputs(rng, 5 * 9);
        var s = new ArraySchedule(new ArrayGeometry(2, 2, 4), 7, 9, 5);
        var values = s.ResultValues(layer, x, SimpleFloatFormat.Default).ToList();
        var y = DenseReference.Compute(layer, x, 5, SimpleFloatFormat.Default);
        foreach (var ((row, o), v) in s.ResultOrder().Zip(values))
        {
            // A padding row adds +0 products to the bias: the adder truncates it to m bits.
            var expected = row < 5 ? y[row * 7 + o] : DenseReference.Activate(SimpleFloat.TruncateInput(layer.BiasOf(o), SimpleFloatFormat.Default), DenseActivation.Relu);
            Assert.Equal(BitConverter.SingleToUInt32Bits(expected), BitConverter.SingleToUInt32Bits(v));
        }
    }

    [Theory]
    [InlineData(0, 8, 16, "pes = 0")]
    [InlineData(65, 8, 16, "pes = 65")]
    [InlineData(16, 64, 16, "outputs-per-pe × batch-tile = 64 × 16 = 1024 partial sums per PE exceed 512")]
    public void A_geometry_out_of_range_names_the_parameter(int pes, int k, int batchTile, string message)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new ArrayGeometry(pes, k, batchTile).Validate());
        Assert.Contains(message, e.Message);
    }
}
