using Zfpe.Reference.Quantization;

namespace Zfpe.Reference.Tests.Quantization;

public class QuantizerTests
{
    private static readonly QuantizerParameters Asym8 = new(QuantizationScheme.UniformAsymmetric);
    private static readonly QuantizerParameters Sym8 = new(QuantizationScheme.UniformSymmetric);
    private static readonly QuantizerParameters Pow8 = new(QuantizationScheme.PowerOfTwo);

    private static long[] Flat(int n) => new long[] { n };

    [Fact]
    public void Asymmetric_quantization_maps_min_to_0_and_max_to_the_top_code()
    {
        var p = new QuantizerParameters(QuantizationScheme.UniformAsymmetric, 2);
        var q = Quantizer.Quantize(new[] { 3f, 0f, 1f, 2f }, Flat(4), p);
        Assert.Equal(new[] { 3, 0, 1, 2 }, q.Codes);
        Assert.Equal(new[] { 0f }, q.Minimums);
        Assert.Equal(new[] { 1f }, q.Scales);
        Assert.Equal(new[] { 3f, 0f, 1f, 2f }, Quantizer.Dequantize(q));
    }

    [Fact]
    public void Asymmetric_errors_stay_within_half_a_step()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 5000).Select(_ => (float)(random.NextDouble() * 3 - 0.5)).ToArray();
        var q = Quantizer.Quantize(values, Flat(values.Length), Asym8);
        var back = Quantizer.Dequantize(q);
        double step = q.Scales[0];
        Assert.InRange(step, 2.9 / 255, 3.0 / 255);
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(back[i] - values[i]) <= step / 2 * 1.0001, $"{values[i]} -> {back[i]}");
        Assert.All(q.Codes, c => Assert.InRange(c, 0, 255));
    }

    [Fact]
    public void Symmetric_quantization_rounds_half_to_even_on_a_grid_centred_at_zero()
    {
        var p = new QuantizerParameters(QuantizationScheme.UniformSymmetric, 3);
        // max|x| = 3 gives scale 1, so the halves sit exactly between codes.
        var q = Quantizer.Quantize(new[] { -3f, -1.5f, -0.5f, 0.5f, 2.5f, 3f }, Flat(6), p);
        Assert.Equal(new[] { -3, -2, 0, 0, 2, 3 }, q.Codes);
        Assert.Equal(new[] { -3f, -2f, 0f, 0f, 2f, 3f }, Quantizer.Dequantize(q));
    }

    [Fact]
    public void Symmetric_codes_never_use_the_most_negative_code()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 3000).Select(_ => (float)(random.NextDouble() * 2 - 1.5)).ToArray();
        var q = Quantizer.Quantize(values, Flat(values.Length), Sym8);
        Assert.All(q.Codes, c => Assert.InRange(c, -127, 127));
        Assert.Contains(-127, q.Codes);
        var back = Quantizer.Dequantize(q);
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(back[i] - values[i]) <= q.Scales[0] / 2 * 1.0001);
    }

    [Fact]
    public void Power_of_two_rounds_the_exponent_and_keeps_the_sign()
    {
        var q = Quantizer.Quantize(new[] { 1f, -2f, 3f, 0.1f, 0f, -0.7f }, Flat(6), Pow8);
        Assert.Equal(new[] { 2 }, q.TopExponents);
        Assert.Equal(new[] { 1f, -2f, 4f, 0.125f, 0f, -0.5f }, Quantizer.Dequantize(q));
        Assert.Equal(0, q.Codes[4]);
        Assert.Equal(128 | 2, q.Codes[1]);
    }

    [Fact]
    public void Power_of_two_exponents_are_clamped_to_what_n_bits_can_code()
    {
        // 3 bits: a sign and 3 exponent levels below the top exponent 3.
        var p = new QuantizerParameters(QuantizationScheme.PowerOfTwo, 3);
        var back = Quantizer.RoundTrip(new[] { 8f, 4f, 2f, 1f, 0.001f, -0.001f }, Flat(6), p);
        Assert.Equal(new[] { 8f, 4f, 2f, 2f, 2f, -2f }, back);
    }

    [Fact]
    public void Per_channel_parameters_follow_the_chosen_axis()
    {
        // Shape (2, 3): along axis 1 the channels are the columns, strided in C order.
        var values = new[] { 0.001f, -200f, 3f, -0.002f, 100f, -6f };
        var shape = new long[] { 2, 3 };
        var columns = Quantizer.Quantize(values, shape, Sym8 with { Granularity = QuantizationGranularity.PerChannel, Axis = 1 });
        Assert.Equal(3, columns.GroupCount);
        Assert.Equal(new[] { 0.002f / 127, 200f / 127, 6f / 127 }, columns.Scales);
        var back = Quantizer.Dequantize(columns);
        Assert.Equal(0.001, back[0], 0.00001);
        Assert.Equal(-0.002, back[3], 0.00001);
        Assert.Equal(back, Quantizer.RoundTrip(values, shape, Sym8 with { Granularity = QuantizationGranularity.PerChannel, Axis = 1 }));
        Assert.Equal(3, Quantizer.GroupCount(shape, Sym8 with { Granularity = QuantizationGranularity.PerChannel, Axis = 1 }));

        var e = Assert.Throws<ArgumentException>(() => Quantizer.Quantize(values, shape, Sym8 with { Granularity = QuantizationGranularity.PerChannel, Axis = 2 }));
        Assert.Contains("axis = 2 is out of range for a tensor of rank 2", e.Message);
    }

    [Fact]
    public void A_fit_leaves_non_finite_values_out_and_decodes_them_as_nan()
    {
        var values = new[] { 1f, float.PositiveInfinity, -2f, float.NaN };
        var fit = Quantizer.Fit(values, Flat(4), Sym8);
        Assert.Equal(2f / 127, fit.Scales[0]);
        var back = new float[4];
        fit.RoundTrip(values, 0, back);
        Assert.Equal(-2f, back[2]);
        Assert.True(float.IsNaN(back[1]) && float.IsNaN(back[3]));
    }

    [Fact]
    public void Per_channel_parameters_follow_axis_0()
    {
        var values = new[] { 0.001f, -0.002f, 0.003f, 100f, -200f, 300f };
        var shape = new long[] { 2, 3 };
        var perChannel = Quantizer.Quantize(values, shape, Sym8 with { Granularity = QuantizationGranularity.PerChannel });
        Assert.Equal(2, perChannel.GroupCount);
        Assert.Equal(3, perChannel.GroupLength);
        Assert.Equal(0.003f / 127, perChannel.Scales[0]);
        Assert.Equal(300f / 127, perChannel.Scales[1]);
        var perTensor = Quantizer.RoundTrip(values, shape, Sym8);
        var back = Quantizer.Dequantize(perChannel);
        // Per tensor the small channel vanishes; per channel it survives.
        Assert.Equal(0f, perTensor[0]);
        Assert.Equal(0.001, back[0], 0.00002);
        Assert.Equal(-0.002, back[1], 0.00002);
    }

    [Fact]
    public void Stored_size_counts_codes_and_every_group_parameter()
    {
        var shape = new long[] { 10, 64 };
        var values = new float[640];
        for (int i = 0; i < values.Length; i++)
            values[i] = i % 7 - 3;
        Assert.Equal(640 * 8 + 2 * 32, Quantizer.Quantize(values, shape, Asym8).StoredBits);
        Assert.Equal(640 * 8 + 10 * 2 * 32, Quantizer.Quantize(values, shape, Asym8 with { Granularity = QuantizationGranularity.PerChannel }).StoredBits);
        Assert.Equal(640 * 8 + 32, Quantizer.Quantize(values, shape, Sym8).StoredBits);
        Assert.Equal(640 * 8 + 10 * 32, Quantizer.Quantize(values, shape, Pow8 with { Granularity = QuantizationGranularity.PerChannel }).StoredBits);
        Assert.Equal(9.0, Quantizer.Quantize(values, shape, Asym8 with { Granularity = QuantizationGranularity.PerChannel }).BitsPerValue);
    }

    [Theory]
    [InlineData(QuantizationScheme.UniformAsymmetric)]
    [InlineData(QuantizationScheme.UniformSymmetric)]
    [InlineData(QuantizationScheme.PowerOfTwo)]
    public void Constant_and_zero_tensors_come_back_exactly(QuantizationScheme scheme)
    {
        var p = new QuantizerParameters(scheme);
        Assert.Equal(new[] { 0f, 0f, 0f }, Quantizer.RoundTrip(new[] { 0f, 0f, 0f }, Flat(3), p));
        Assert.Equal(new[] { 4f, 4f }, Quantizer.RoundTrip(new[] { 4f, 4f }, Flat(2), p));
        Assert.Empty(Quantizer.RoundTrip(Array.Empty<float>(), Flat(0), p));
    }

    [Fact]
    public void More_bits_never_increase_the_uniform_error()
    {
        var random = new Random(9);
        var values = Enumerable.Range(0, 2000).Select(_ => (float)(random.NextDouble() * random.NextDouble() - 0.3)).ToArray();
        foreach (var scheme in new[] { QuantizationScheme.UniformAsymmetric, QuantizationScheme.UniformSymmetric })
        {
            double previous = double.PositiveInfinity;
            for (int bits = 2; bits <= 12; bits++)
            {
                var back = Quantizer.RoundTrip(values, Flat(values.Length), new QuantizerParameters(scheme, bits));
                double rmse = Math.Sqrt(values.Zip(back, (x, y) => (double)(x - y) * (x - y)).Average());
                Assert.True(rmse < previous, $"{scheme} {bits} bits: {rmse} vs {previous}");
                previous = rmse;
            }
        }
    }

    [Fact]
    public void Non_finite_values_are_rejected_with_their_index()
    {
        var e = Assert.Throws<ArgumentException>(() => Quantizer.Quantize(new[] { 1f, float.NaN }, Flat(2), Asym8));
        Assert.Contains("value 1 is NaN", e.Message);
    }

    [Fact]
    public void A_shape_that_does_not_match_the_values_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Quantizer.Quantize(new float[6], new long[] { 2, 2 }, Asym8));
        Assert.Contains("holds 4 values but 6 were given", e.Message);
    }

    [Theory]
    [InlineData(QuantizationScheme.UniformAsymmetric, 1)]
    [InlineData(QuantizationScheme.UniformSymmetric, 17)]
    [InlineData(QuantizationScheme.PowerOfTwo, 10)]
    public void Bit_counts_out_of_range_are_rejected_naming_the_range(QuantizationScheme scheme, int bits)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new QuantizerParameters(scheme, bits).Validate());
        TextAssert.ContainsAll(e.Message,
            $"bits = {bits}",
            "allowed 2..");
    }
}
