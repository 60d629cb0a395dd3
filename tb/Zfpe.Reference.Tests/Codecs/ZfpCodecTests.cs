using CsCheck;
using Zfpe.Reference.Codecs;

namespace Zfpe.Reference.Tests.Codecs;

public class ZfpCodecTests
{
    [Fact]
    public void The_section6_worked_examples_give_the_published_streams()
    {
        Assert.Equal(Convert.FromHexString("05310b00"), ZfpCodec.Compress([1f, 2f, 3f, 4f], new ZfpParameters(8)));
        Assert.Equal(Convert.FromHexString("03ed79eb8965"), ZfpCodec.Compress([0.1f, -0.25f, 3.7f, 2.0f], new ZfpParameters(12)));
    }

    [Fact]
    public void The_block_header_is_a_non_zero_bit_then_the_biased_exponent_least_significant_bit_first()
    {
        // 1, 2, 3, 4: emax = 3 (4 = 0.5 · 2^3), E = 130 → header 2·130 + 1 = 0x105 in 9 bits.
        var stream = ZfpCodec.Compress([1f, 2f, 3f, 4f], new ZfpParameters(8));
        Assert.Equal(0x105, stream[0] | (stream[1] & 1) << 8);
    }

    [Theory]
    [InlineData(1.0, 9)]
    [InlineData(2.0, 9)]
    [InlineData(2.25, 9)]
    [InlineData(2.375, 10)]
    [InlineData(8.0, 32)]
    [InlineData(8.3, 33)]
    [InlineData(8.125, 33)]
    [InlineData(31.75, 127)]
    [InlineData(32.0, 128)]
    public void Max_bits_is_four_times_the_rate_rounded_but_never_below_nine(double rate, int maxBits)
    {
        Assert.Equal(maxBits, new ZfpParameters(rate).MaxBits);
    }

    [Fact]
    public void An_all_zero_block_is_one_zero_bit_padded_to_the_block_size()
    {
        var p = new ZfpParameters(8);
        Assert.Equal(new byte[8], ZfpCodec.Compress([0f, -0f, 0f, 0f, 0f, 0f, 0f, -0f], p));
        Assert.All(ZfpCodec.Decompress(new byte[8], 8, p), v => Assert.Equal(0u, BitConverter.SingleToUInt32Bits(v)));
    }

    [Fact]
    public void A_subnormal_only_block_is_coded_with_exponent_one_unlike_zfpe()
    {
        var stream = ZfpCodec.Compress([float.Epsilon, 0f, 0f, 0f], new ZfpParameters(32));
        Assert.Equal(2 * 1 + 1, stream[0] | (stream[1] & 1) << 8); // E = 1 (emax clamped to −126)
        Assert.Equal(0, ZfpeCodec.BlockExponent([float.Epsilon, 0f, 0f, 0f]));
    }

    [Theory]
    [InlineData(1, new[] { 7f, 7f, 7f, 7f })]
    [InlineData(2, new[] { 7f, 8f, 8f, 7f })]
    [InlineData(3, new[] { 7f, 8f, 9f, 7f })]
    public void A_partial_block_is_padded_as_zfps_pad_block(int n, float[] padded)
    {
        var block = new float[] { 7f, 8f, 9f, 10f };
        ZfpCodec.PadPartialBlock(block, n);
        Assert.Equal(padded, block);

        float[] values = [1f, 2f, 3f, 4f, .. padded[..n]];
        Assert.Equal(ZfpCodec.Compress([1f, 2f, 3f, 4f, .. padded], new ZfpParameters(12)), ZfpCodec.Compress(values, new ZfpParameters(12)));
    }

    [Theory]
    [InlineData(4.0)]
    [InlineData(8.0)]
    [InlineData(16.0)]
    [InlineData(32.0)]
    public void Decompressing_gives_values_close_to_the_input_at_high_rates(double rate)
    {
        var p = new ZfpParameters(rate);
        SeededProperty.Check(Gen.Float[-1000f, 1000f].Array[1, 40], values =>
        {
            var decoded = ZfpCodec.Decompress(ZfpCodec.Compress(values, p), values.Length, p);
            Assert.Equal(values.Length, decoded.Length);
            double range = values.Max(v => Math.Abs(v));
            // Each block keeps at least (maxbits − 9) / 4 ≈ rate − 2 bit planes relative to the block maximum.
            double tolerance = 16 * range * Math.ScaleB(1.0, -(int)(rate - 2.25));
            for (int i = 0; i < values.Length; i++)
                Assert.True(Math.Abs(decoded[i] - values[i]) <= tolerance, $"value {i}: {values[i]:R} decoded to {decoded[i]:R}");
        }, iterations: 300, seed: (ulong)(rate * 10), print: SeededProperty.Show);
    }

    [Fact]
    public void Compressed_size_is_the_block_bits_rounded_up_to_a_byte()
    {
        Assert.Equal(0, ZfpCodec.CompressedBytes(0, new ZfpParameters(8)));
        Assert.Equal(4, ZfpCodec.CompressedBytes(3, new ZfpParameters(8)));
        Assert.Equal(5, ZfpCodec.CompressedBytes(4, new ZfpParameters(8.3)));  // 33 bits
        Assert.Equal(9, ZfpCodec.CompressedBytes(8, new ZfpParameters(8.3)));  // 66 bits
        Assert.Equal(2, ZfpCodec.CompressedBytes(4, new ZfpParameters(1)));    // 9 bits
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(32.5)]
    [InlineData(double.NaN)]
    public void An_out_of_range_rate_is_rejected_with_the_allowed_range(double rate)
    {
        var e = Assert.Throws<ArgumentException>(() => new ZfpParameters(rate).Validate());
        TextAssert.ContainsAll(e.Message,
            "rate",
            "1..32");
        Assert.Throws<ArgumentException>(() => ZfpCodec.Compress([1f], new ZfpParameters(rate)));
    }

    [Fact]
    public void A_stream_of_the_wrong_length_is_rejected()
    {
        var p = new ZfpParameters(8);
        var e = Assert.Throws<InvalidDataException>(() => ZfpCodec.Decompress(new byte[4], 5, p));
        Assert.Contains("4 bytes", e.Message);
    }

    [Fact]
    public void Non_finite_values_are_replaced_as_in_zfpe_and_reported()
    {
        var p = new ZfpParameters(16);
        var withSpecials = ZfpCodec.Compress([float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1f], p, out bool nonFinite);
        Assert.True(nonFinite);
        Assert.Equal(ZfpCodec.Compress([0f, float.MaxValue, -float.MaxValue, 1f], p, out bool clean), withSpecials);
        Assert.False(clean);
    }
}
