using CsCheck;
using Zfpe.Reference.Codecs;

namespace Zfpe.Reference.Tests.Codecs;

public class ZfpeCodecTests
{
    public static TheoryData<int, int> EveryBAndExponentWidth()
    {
        var data = new TheoryData<int, int>();
        for (int b = ZfpeParameters.MinB; b <= ZfpeParameters.MaxB; b++)
        {
            data.Add(b, 8);
            data.Add(b, 9);
        }
        return data;
    }

    /// <summary>
    /// The round-trip error bound, in units of the block's fixed-point step 2^(emax − 30):
    /// the high window drops up to 32 − b negabinary bits, worth at most 2/3 · 2^(32 − b); the
    /// inverse lift's largest row sum is 15/4, so a value moves by at most 2.5 · 2^(32 − b). Add
    /// the float32 rounding of the decoded integer (half an ulp: at most 64 units below 2^(emax+1))
    /// and a few units of truncation and lift rounding (16 units in all, generously). For b ≤ 3 the
    /// reconstructed coefficients can wrap around int32 in the inverse lift, and only the range
    /// bound holds: |x| &lt; 2^emax and |x̂| ≤ 2^(emax+1). Flush to zero adds at most 2^-126.
    /// </summary>
    private static double ErrorBound(int b, int emax)
    {
        double units = b >= 4 ? 2.5 * Math.ScaleB(1.0, 32 - b) + 64 + 16 : 3 * Math.ScaleB(1.0, 30);
        return Math.ScaleB(units, emax - 30) + Math.ScaleB(1.0, -126);
    }

    [Theory]
    [MemberData(nameof(EveryBAndExponentWidth))]
    public void Decoding_an_encoded_block_stays_within_the_derived_error_bound(int b, int exponentBits)
    {
        var p = new ZfpeParameters(b, exponentBits);
        SeededProperty.Check(CodecGens.FiniteBlock, block =>
        {
            var encoded = ZfpeCodec.EncodeBlock(block, p);
            var decoded = ZfpeCodec.DecodeBlock(encoded.Bits, p);
            if (encoded.IsZeroBlock)
            {
                Assert.All(decoded.Values, v => Assert.Equal(0f, v));
                return;
            }
            double bound = ErrorBound(b, encoded.Emax);
            for (int k = 0; k < 4; k++)
            {
                Assert.True(float.IsFinite(decoded.Values[k]), $"value {k} decoded to {decoded.Values[k]}");
                double error = Math.Abs((double)decoded.Values[k] - block[k]);
                Assert.True(error <= bound, $"value {k}: {block[k]:R} decoded to {decoded.Values[k]:R}, error {error:R} > bound {bound:R} (emax {encoded.Emax})");
            }
        }, iterations: 1500, seed: (ulong)(1000 + 2 * b + exponentBits), print: SeededProperty.Show);
    }

    /// <summary>
    /// Configurations where re-encoding a decoded block gives back the same bits, provided the
    /// block exponent does not change: b ≥ 4 (no int32 wrap-around in the inverse lift),
    /// split ≥ 32 − b (the high window reaches the split, so a word always re-selects its window),
    /// and split − b ≥ 9 (at least 9 zero low bits in every reconstructed coefficient, so the inverse
    /// lift is exact, its integers have at most 24 significant bits and survive float32, and the
    /// forward lift restores the coefficients exactly).
    /// </summary>
    public static TheoryData<int, int, int> IdempotentConfigurations()
    {
        var data = new TheoryData<int, int, int>();
        for (int b = 4; b <= 22; b++)
            foreach (int split in new[] { Math.Max(b + 9, 32 - b), ZfpeParameters.MaxSplit }.Distinct())
            {
                data.Add(b, 8, split);
                data.Add(b, 9, split);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(IdempotentConfigurations))]
    public void Reencoding_a_decoded_block_gives_the_same_bits_when_the_block_exponent_is_kept(int b, int exponentBits, int split) =>
        CheckReencodingGivesTheSameBits(new ZfpeParameters(b, exponentBits, split), seed: (ulong)(5000 + 64 * b + split + exponentBits));

    /// <summary>Encode, decode, encode again: the same bits whenever the block exponent survives (the rounding is p's).</summary>
    internal static void CheckReencodingGivesTheSameBits(ZfpeParameters p, ulong seed)
    {
        int kept = 0, total = 0;
        SeededProperty.Check(CodecGens.ScaledBlock(-90, 127, spread: 12), block =>
        {
            var first = ZfpeCodec.EncodeBlock(block, p);
            total++;
            if (first.Emax < -90)
                return; // below that, decoded values can flush to zero
            var decoded = ZfpeCodec.DecodeBlock(first.Bits, p).Values;
            var second = ZfpeCodec.EncodeBlock(decoded, p);
            if (second.E != first.E)
                return; // decoding rounded past 2^emax: see the test below
            kept++;
            Assert.True(second.Bits == first.Bits, $"first {first}\nsecond {second}");
        }, iterations: 800, seed: seed, print: SeededProperty.Show);
        Assert.True(kept >= total / 2, $"only {kept} of {total} blocks kept their exponent: the sample does not test the property");
    }

    [Fact]
    public void Reencoding_is_not_idempotent_when_decoding_rounds_a_value_past_the_block_exponent()
    {
        var p = new ZfpeParameters(5, 8, 28);
        var first = ZfpeCodec.EncodeBlock([0.857f, -0.982f, -0.145f, -0.543f], p);
        var decoded = ZfpeCodec.DecodeBlock(first.Bits, p).Values;

        Assert.Equal(-1.0625f, decoded[1]); // |x̂| ≥ 2^0 = 2^emax
        Assert.Equal(127, first.E);
        Assert.Equal(128, ZfpeCodec.EncodeBlock(decoded, p).E);
    }

    [Fact]
    public void Reencoding_is_not_idempotent_when_the_high_window_leaves_a_gap_above_the_split()
    {
        // b = 6, split = 22: bits 22..25 belong to neither window, so a word with its top bit
        // there gets flag 1 and payload 0, and its reconstruction (0) re-encodes with flag 0.
        var p = new ZfpeParameters(6, 8, 22);
        var first = ZfpeCodec.EncodeBlock([0.898f, 0.717f, 0.785f, 0.848f], p);
        Assert.True(first.Flags[1]);
        Assert.Equal(0u, first.Payloads[1]);

        var second = ZfpeCodec.EncodeBlock(ZfpeCodec.DecodeBlock(first.Bits, p).Values, p);
        Assert.Equal(first.E, second.E);
        Assert.False(second.Flags[1]);
        Assert.NotEqual(first.Bits, second.Bits);
    }

    [Fact]
    public void A_zero_or_subnormal_only_block_is_the_all_zero_block()
    {
        var p = new ZfpeParameters();
        foreach (var block in new[]
        {
            new[] { 0f, 0f, 0f, 0f }, [-0f, 0f, -0f, -0f], [float.Epsilon, -float.Epsilon, 0f, 0f],
            [1.1754942E-38f, -1.1754942E-38f, 5E-39f, -0f],
        })
        {
            var trace = ZfpeCodec.EncodeBlock(block, p);
            Assert.True(trace.IsZeroBlock);
            Assert.Equal(UInt128.Zero, trace.Bits);
            Assert.All(trace.FixedPoint, q => Assert.Equal(0, q));
            var decoded = ZfpeCodec.DecodeBlock(trace.Bits, p).Values;
            Assert.All(decoded, v => Assert.Equal(0u, BitConverter.SingleToUInt32Bits(v))); // +0, not -0
        }
    }

    [Fact]
    public void Subnormals_beside_a_normal_value_use_hidden_bit_zero_and_exponent_field_one()
    {
        var p = new ZfpeParameters(28, 8, 28);
        float smallestNormal = 1.17549435E-38f; // 2^-126: E = 2, emax = -125
        var trace = ZfpeCodec.EncodeBlock([smallestNormal, float.Epsilon, 5.877472E-39f, -float.Epsilon], p);

        Assert.Equal(2, trace.E);
        // q = trunc(x · 2^(30 + 125)): 2^-126 → 2^29, 2^-149 → 2^6, 2^-127 → 2^28.
        Assert.Equal([1 << 29, 1 << 6, 1 << 28, -(1 << 6)], trace.FixedPoint);
    }

    [Fact]
    public void A_lone_power_of_two_round_trips_exactly_over_the_whole_exponent_range_when_b_is_at_least_7()
    {
        // Its lifted coefficients are multiples of 2^25, which a window of b ≥ 7 bits keeps whole.
        for (int b = 7; b <= ZfpeParameters.MaxB; b++)
            foreach (int exponentBits in new[] { 8, 9 })
            {
                var p = new ZfpeParameters(b, exponentBits);
                for (int k = -126; k <= 127; k++)
                    foreach (float x in new[] { MathF.ScaleB(1f, k), -MathF.ScaleB(1f, k) })
                    {
                        var trace = ZfpeCodec.EncodeBlock([x, 0f, 0f, 0f], p);
                        Assert.Equal(k + 128, trace.E);
                        Assert.Equal([x, 0f, 0f, 0f], ZfpeCodec.DecodeBlock(trace.Bits, p).Values);
                    }
            }
    }

    [Fact]
    public void Flt_max_codes_with_the_largest_exponent_and_decodes_finite()
    {
        foreach (int b in new[] { 1, 5, 13, 28 })
        {
            var p = new ZfpeParameters(b, 8, Math.Max(28, b));
            var trace = ZfpeCodec.EncodeBlock([float.MaxValue, -float.MaxValue, 1f, 0f], p);
            Assert.Equal(255, trace.E);
            Assert.All(ZfpeCodec.DecodeBlock(trace.Bits, p).Values, v => Assert.True(float.IsFinite(v)));
        }
    }

    [Fact]
    public void Nan_and_infinities_are_replaced_and_raise_the_non_finite_status()
    {
        var p = new ZfpeParameters();
        var trace = ZfpeCodec.EncodeBlock([float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1f], p);

        Assert.True(trace.NonFiniteInput);
        Assert.Equal([0f, float.MaxValue, -float.MaxValue, 1f], trace.Input);
        var replaced = ZfpeCodec.EncodeBlock([0f, float.MaxValue, -float.MaxValue, 1f], p);
        Assert.False(replaced.NonFiniteInput);
        Assert.Equal(replaced.Bits, trace.Bits);
    }

    [Fact]
    public void The_non_finite_status_is_sticky_over_a_stream()
    {
        var p = new ZfpeParameters();
        var values = Enumerable.Range(0, 41).Select(i => i * 0.25f).ToArray();
        ZfpeCodec.Compress(values, p, out bool clean);
        Assert.False(clean);

        values[2] = float.NaN;
        var withNaN = ZfpeCodec.Compress(values, p, out bool flagged);
        Assert.True(flagged);
        values[2] = 0f;
        Assert.Equal(ZfpeCodec.Compress(values, p, out _), withNaN);
    }

    [Fact]
    public void Any_block_including_special_values_encodes_without_error_and_decodes_finite()
    {
        var p = new ZfpeParameters();
        SeededProperty.Check(CodecGens.AnyBlock, block =>
        {
            var trace = ZfpeCodec.EncodeBlock(block, p);
            Assert.Equal(block.Any(v => !float.IsFinite(v)), trace.NonFiniteInput);
            Assert.True(trace.Bits >> p.BlockBits == UInt128.Zero);
            Assert.All(ZfpeCodec.DecodeBlock(trace.Bits, p).Values, v => Assert.True(float.IsFinite(v)));
        }, iterations: 3000, seed: 77, print: SeededProperty.Show);
    }

    public static TheoryData<int, int, int> StreamConfigurations => new()
    {
        { 1, 8, 28 }, { 5, 8, 28 }, { 5, 9, 28 }, { 9, 9, 28 }, { 13, 8, 28 }, { 7, 8, 20 }, { 28, 9, 31 }, { 28, 8, 28 },
    };

    [Theory]
    [MemberData(nameof(StreamConfigurations))]
    public void A_stream_is_the_blocks_concatenated_bit_by_bit_with_a_zero_padded_last_block(int b, int exponentBits, int split)
    {
        var p = new ZfpeParameters(b, exponentBits, split);
        var gen = Gen.Frequency((3, Gen.Float[-100f, 100f]), (1, Gen.Float.Special)).Array[0, 43];
        SeededProperty.Check(gen, values =>
        {
            var stream = ZfpeCodec.Compress(values, p, out bool nonFinite);

            var expected = new byte[ZfpeCodec.CompressedBytes(values.Length, p)];
            long bit = 0;
            bool anyNonFinite = false;
            for (int start = 0; start < values.Length; start += 4)
            {
                var block = new float[4]; // +0.0 padding of a partial last block
                values.AsSpan(start, Math.Min(4, values.Length - start)).CopyTo(block);
                var trace = ZfpeCodec.EncodeBlock(block, p);
                anyNonFinite |= trace.NonFiniteInput;
                for (int i = 0; i < p.BlockBits; i++, bit++)
                    if (((trace.Bits >> i) & UInt128.One) != UInt128.Zero)
                        expected[bit / 8] |= (byte)(1 << (int)(bit % 8));
            }
            Assert.Equal(expected, stream);
            Assert.Equal(anyNonFinite, nonFinite);
        }, iterations: 300, seed: (ulong)(300 + b + exponentBits + split), print: SeededProperty.Show);
    }

    [Theory]
    [MemberData(nameof(StreamConfigurations))]
    public void Decompressing_a_stream_gives_the_decoded_blocks_trimmed_to_the_value_count(int b, int exponentBits, int split)
    {
        var p = new ZfpeParameters(b, exponentBits, split);
        SeededProperty.Check(Gen.Float[-1e6f, 1e6f].Array[0, 43], values =>
        {
            var decoded = ZfpeCodec.Decompress(ZfpeCodec.Compress(values, p, out _), values.Length, p);

            Assert.Equal(values.Length, decoded.Length);
            for (int start = 0; start < values.Length; start += 4)
            {
                var block = new float[4];
                values.AsSpan(start, Math.Min(4, values.Length - start)).CopyTo(block);
                var expected = ZfpeCodec.DecodeBlock(ZfpeCodec.EncodeBlock(block, p).Bits, p).Values;
                for (int k = 0; k < 4 && start + k < values.Length; k++)
                    Assert.Equal(BitConverter.SingleToUInt32Bits(expected[k]), BitConverter.SingleToUInt32Bits(decoded[start + k]));
            }
        }, iterations: 300, seed: (ulong)(900 + b + exponentBits + split), print: SeededProperty.Show);
    }

    [Theory]
    [MemberData(nameof(StreamConfigurations))]
    public void Decompressing_arbitrary_bits_matches_decoding_each_block(int b, int exponentBits, int split)
    {
        // Random streams reach every exponent, flushed and saturated results included.
        var p = new ZfpeParameters(b, exponentBits, split);
        var random = new Random(b * 100 + split + exponentBits);
        const int count = 4 * 3000;
        var stream = new byte[ZfpeCodec.CompressedBytes(count, p)];
        random.NextBytes(stream);
        var decoded = ZfpeCodec.Decompress(stream, count, p);
        for (int block = 0; block < count / 4; block++)
        {
            UInt128 bits = 0;
            for (int i = 0; i < p.BlockBits; i++)
            {
                long at = (long)block * p.BlockBits + i;
                if ((stream[at / 8] >> (int)(at % 8) & 1) != 0)
                    bits |= UInt128.One << i;
            }
            var expected = ZfpeCodec.DecodeBlock(bits, p).Values;
            for (int k = 0; k < 4; k++)
                Assert.True(BitConverter.SingleToUInt32Bits(expected[k]) == BitConverter.SingleToUInt32Bits(decoded[4 * block + k]),
                    $"block {block} value {k}: stream decoder {decoded[4 * block + k]:R}, block decoder {expected[k]:R}");
        }
    }

    [Fact]
    public void A_partial_last_block_is_padded_with_positive_zeros()
    {
        var p = new ZfpeParameters(5, 9, 28);
        float[] five = [1f, 2f, 3f, 4f, -7.5f];
        Assert.Equal(ZfpeCodec.Compress([1f, 2f, 3f, 4f, -7.5f, 0f, 0f, 0f], p, out _), ZfpeCodec.Compress(five, p, out _));
        Assert.Equal(9, ZfpeCodec.CompressedBytes(5, p)); // 2 blocks × 33 bits = 66 bits
        Assert.Equal(5, ZfpeCodec.Decompress(ZfpeCodec.Compress(five, p, out _), 5, p).Length);
    }

    [Fact]
    public void Compressed_size_is_the_block_bits_rounded_up_to_a_byte()
    {
        Assert.Equal(0, ZfpeCodec.CompressedBytes(0, new ZfpeParameters()));
        Assert.Equal(4, ZfpeCodec.CompressedBytes(1, new ZfpeParameters()));
        Assert.Equal(4L * 1_000_000, ZfpeCodec.CompressedBytes(4_000_000, new ZfpeParameters()));
        Assert.Equal((3 * 33 + 7) / 8, ZfpeCodec.CompressedBytes(12, new ZfpeParameters(5, 9)));
        Assert.Equal((5L * 125 + 7) / 8, ZfpeCodec.CompressedBytes(17, new ZfpeParameters(28, 9, 31)));
        Assert.Empty(ZfpeCodec.Compress([], new ZfpeParameters(), out _));
        Assert.Empty(ZfpeCodec.Decompress([], 0, new ZfpeParameters()));
    }

    [Fact]
    public void A_stream_of_the_wrong_length_is_rejected_with_both_lengths_named()
    {
        var p = new ZfpeParameters();
        var stream = ZfpeCodec.Compress(new float[8], p, out _);
        var e = Assert.Throws<InvalidDataException>(() => ZfpeCodec.Decompress(stream, 12, p));
        TextAssert.ContainsAll(e.Message,
            "8 bytes",
            "12");
        Assert.Throws<InvalidDataException>(() => ZfpeCodec.Decompress(stream, 4, p));
    }

    [Fact]
    public void A_destination_too_small_for_the_stream_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => ZfpeCodec.Compress(new float[8], new byte[7], new ZfpeParameters(), out _));
        Assert.Contains("CompressedBytes", e.Message);
    }

    [Fact]
    public void Encode_block_needs_exactly_four_values()
    {
        Assert.Throws<ArgumentException>(() => ZfpeCodec.EncodeBlock([1f, 2f, 3f], new ZfpeParameters()));
        Assert.Throws<ArgumentException>(() => ZfpeCodec.EncodeBlock(new float[5], new ZfpeParameters()));
    }

    [Fact]
    public void Decode_block_rejects_bits_beyond_one_block()
    {
        var e = Assert.Throws<ArgumentException>(() => ZfpeCodec.DecodeBlock(UInt128.One << 32, new ZfpeParameters()));
        Assert.Contains("32 bits", e.Message);
    }

    [Fact]
    public void Decoding_flushes_results_below_the_smallest_normal_and_saturates_above_flt_max()
    {
        Assert.Equal(0f, ZfpeCodec.InverseFixedPoint(1 << 29, -126)); // 2^-127
        Assert.Equal(0x80000000u, BitConverter.SingleToUInt32Bits(ZfpeCodec.InverseFixedPoint(-(1 << 29), -126))); // -0
        Assert.Equal(MathF.ScaleB(1f, -126), ZfpeCodec.InverseFixedPoint(1 << 30, -126));
        Assert.Equal(float.MaxValue, ZfpeCodec.InverseFixedPoint(int.MaxValue, 128));
        Assert.Equal(-float.MaxValue, ZfpeCodec.InverseFixedPoint(int.MinValue, 128));
        Assert.Equal(MathF.ScaleB(1f, 127), ZfpeCodec.InverseFixedPoint(1 << 29, 128));
        // int32 → float rounds to nearest even: 2^24 + 1 and 2^24 + 3 are not representable.
        Assert.Equal(16777216f, ZfpeCodec.InverseFixedPoint(16777217, 30));
        Assert.Equal(16777220f, ZfpeCodec.InverseFixedPoint(16777219, 30));
    }

    [Fact]
    public void A_9_bit_exponent_field_above_255_decodes_with_saturation()
    {
        var p = new ZfpeParameters(5, 9, 28);
        // E = 511 (emax = 384), coefficient 0 = payload 11111 in the high window.
        UInt128 bits = 511u | (UInt128)((0b11111u << 1) | 1u) << 9;
        Assert.All(ZfpeCodec.DecodeBlock(bits, p).Values, v => Assert.Equal(float.MaxValue, Math.Abs(v)));
    }
}
