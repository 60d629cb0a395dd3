using Zfpe.Reference.Float;

namespace Zfpe.Reference.Tests.Float;

public class SimpleFloatTests
{
    private static readonly SimpleFloatFormat M18 = SimpleFloatFormat.Default;

    private static uint Bits(float x) => BitConverter.SingleToUInt32Bits(x);
    private static float Value(uint bits) => BitConverter.UInt32BitsToSingle(bits);

    [Fact]
    public void Default_format_is_18_significand_bits_and_1_guard_bit()
    {
        Assert.Equal(18, M18.SignificandBits);
        Assert.Equal(1, M18.GuardBits);
        Assert.Equal(new[] { 9, 5, 2, 1, 1 }, M18.NormaliseShifts);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(25, 1)]
    [InlineData(18, -1)]
    [InlineData(18, 9)]
    public void Invalid_formats_are_rejected_naming_parameter_value_and_range(int m, int g)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SimpleFloatFormat(m, g).Validate());
        string bad = m is < 2 or > 24 ? $"significand-bits = {m}" : $"guard-bits = {g}";
        Assert.Contains(bad, e.Message);
        Assert.Contains("allowed", e.Message);
    }

    [Fact]
    public void Inputs_are_truncated_toward_zero_to_m_bits()
    {
        float x = 1f + MathF.Pow(2, -20);
        Assert.Equal(1f, SimpleFloat.Multiply(x, 1f, M18));
        Assert.Equal(-1f, SimpleFloat.Multiply(-x, 1f, M18));
        float y = 1f + MathF.Pow(2, -17);
        Assert.Equal(y, SimpleFloat.Multiply(y, 1f, M18));
        Assert.Equal(0x3F80_0040u, SimpleFloat.TruncateInput(Bits(1f + MathF.Pow(2, -17) + MathF.Pow(2, -18)), M18));
    }

    [Fact]
    public void Subnormal_inputs_are_zero()
    {
        float subnormal = MathF.Pow(2, -130);
        Assert.Equal(0u, Bits(SimpleFloat.Multiply(subnormal, MathF.Pow(2, 100), M18)));
        Assert.Equal(1f, SimpleFloat.Add(1f, subnormal, M18));
        Assert.Equal(0u, SimpleFloat.TruncateInput(Bits(-subnormal), M18));
    }

    [Fact]
    public void Subnormal_products_flush_to_positive_zero_whatever_their_sign()
    {
        Assert.Equal(0u, Bits(SimpleFloat.Multiply(MathF.Pow(2, -100), MathF.Pow(2, -30), M18)));
        Assert.Equal(0u, Bits(SimpleFloat.Multiply(-MathF.Pow(2, -100), MathF.Pow(2, -30), M18)));
        // 2^-63 · 2^-63 = 2^-126 is the smallest normal and survives.
        Assert.Equal(MathF.Pow(2, -126), SimpleFloat.Multiply(MathF.Pow(2, -63), MathF.Pow(2, -63), M18));
    }

    [Fact]
    public void Subnormal_sums_flush_to_positive_zero()
    {
        float tiny = MathF.Pow(2, -126);
        Assert.Equal(0u, Bits(SimpleFloat.Add(-1.5f * tiny, tiny, M18)));
        Assert.Equal(0u, Bits(SimpleFloat.Add(1.5f * tiny, -tiny, M18)));
        Assert.Equal(tiny, SimpleFloat.Add(2f * tiny, -tiny, M18));
    }

    [Fact]
    public void Overflow_saturates_to_the_largest_finite_value_with_its_sign()
    {
        float max = M18.LargestFinite;
        Assert.Equal((2 - Math.Pow(2, -17)) * Math.Pow(2, 127), (double)max);
        Assert.Equal(max, SimpleFloat.Multiply(MathF.Pow(2, 100), MathF.Pow(2, 100), M18));
        Assert.Equal(-max, SimpleFloat.Multiply(-MathF.Pow(2, 100), MathF.Pow(2, 100), M18));
        Assert.Equal(max, SimpleFloat.Add(max, max, M18));
        Assert.Equal(-max, SimpleFloat.Add(-float.MaxValue, -float.MaxValue, M18));
        Assert.Equal(max, SimpleFloat.TruncateInput(float.MaxValue, M18));
    }

    [Fact]
    public void Exponent_field_255_is_an_ordinary_binade_and_never_produced()
    {
        // The Inf pattern reads as 2^128, so halving it gives 2^127.
        Assert.Equal(MathF.Pow(2, 127), SimpleFloat.Multiply(float.PositiveInfinity, 0.5f, M18));
        Assert.Equal(M18.LargestFinite, SimpleFloat.Multiply(float.PositiveInfinity, 1f, M18));
        Assert.Equal(-M18.LargestFinite, SimpleFloat.Add(float.NegativeInfinity, -1f, M18));
    }

    [Fact]
    public void Exact_cancellation_gives_positive_zero()
    {
        Assert.Equal(0u, Bits(SimpleFloat.Add(1.5f, -1.5f, M18)));
        Assert.Equal(0u, Bits(SimpleFloat.Add(-1.5f, 1.5f, M18)));
        // Equal after input truncation, although the float32 inputs differ.
        Assert.Equal(0u, Bits(SimpleFloat.Add(1f + MathF.Pow(2, -20), -1f, M18)));
    }

    [Fact]
    public void Zero_results_are_positive_zero_in_every_case()
    {
        Assert.Equal(0u, Bits(SimpleFloat.Multiply(-3f, 0f, M18)));
        Assert.Equal(0u, Bits(SimpleFloat.Multiply(-3f, -0f, M18)));
        Assert.Equal(0u, Bits(SimpleFloat.Add(-0f, -0f, M18)));
        Assert.Equal(0u, Bits(SimpleFloat.Add(-0f, 0f, M18)));
    }

    [Fact]
    public void Adding_zero_returns_the_truncated_other_operand()
    {
        float x = -(1f + MathF.Pow(2, -20)) * 12f;
        Assert.Equal(SimpleFloat.TruncateInput(x, M18), SimpleFloat.Add(x, 0f, M18));
        Assert.Equal(SimpleFloat.TruncateInput(x, M18), SimpleFloat.Add(-0f, x, M18));
    }

    [Fact]
    public void One_guard_bit_keeps_the_bit_that_normalisation_shifts_in()
    {
        // 1 − 2^-18 has 18 significant bits: the guard bit holds the subtrahend's only bit.
        float expected = 1f - MathF.Pow(2, -18);
        Assert.Equal(expected, SimpleFloat.Add(1f, -MathF.Pow(2, -18), M18));
        // Without guard bits the subtrahend is shifted out entirely.
        Assert.Equal(1f, SimpleFloat.Add(1f, -MathF.Pow(2, -18), new SimpleFloatFormat(18, 0)));
    }

    [Fact]
    public void Bits_below_the_guard_bits_are_dropped_without_a_sticky_bit()
    {
        // Exactly, 1 − 2^-19 truncates to 1 − 2^-18; with no sticky bit the subtrahend vanishes.
        Assert.Equal(1f, SimpleFloat.Add(1f, -MathF.Pow(2, -19), M18));
        Assert.Equal(1f, SimpleFloat.Add(1f, MathF.Pow(2, -19), M18));
    }

    [Fact]
    public void A_carry_shifts_right_once_and_drops_the_low_bit()
    {
        Assert.Equal(3.5f, SimpleFloat.Add(1.75f, 1.75f, M18));
        // 2 + 2^-17 needs 19 bits; the carry shift drops the 2^-17.
        Assert.Equal(2f, SimpleFloat.Add(1f + MathF.Pow(2, -17), 1f, M18));
    }

    [Fact]
    public void The_normaliser_reaches_every_leading_zero_count()
    {
        var format = M18;
        int width = format.SumWidth;
        for (int lz = 0; lz <= format.MaxNormaliseShift; lz++)
        {
            ulong value = (1UL << (width - 1 - lz)) | 1;
            ulong normalised = SimpleFloat.Normalise(value, width, format.NormaliseShifts, out int shift);
            Assert.Equal(lz, shift);
            Assert.Equal(1UL, normalised >> (width - 1));
        }
    }

    [Fact]
    public void Without_its_last_stage_the_cascade_misses_4_and_13_leading_zeros()
    {
        var stages = new[] { 9, 5, 2, 1 };
        var missed = new List<int>();
        for (int lz = 0; lz <= 17; lz++)
        {
            SimpleFloat.Normalise(1UL << (18 - lz), 19, stages, out int shift);
            if (shift != lz)
                missed.Add(lz);
        }
        Assert.Equal(new[] { 4, 13 }, missed);
    }

    [Theory]
    [InlineData(18, 1)]
    [InlineData(18, 0)]
    [InlineData(18, 3)]
    [InlineData(11, 2)]
    [InlineData(24, 8)]
    [InlineData(2, 0)]
    public void Normalise_shifts_cover_every_count_for_any_format(int m, int g)
    {
        var format = new SimpleFloatFormat(m, g);
        Assert.True(format.NormaliseShifts.Sum() >= format.MaxNormaliseShift);
        for (int lz = 0; lz <= format.MaxNormaliseShift; lz++)
        {
            SimpleFloat.Normalise(1UL << (format.SumWidth - 1 - lz), format.SumWidth, format.NormaliseShifts, out int shift);
            Assert.Equal(lz, shift);
        }
    }

    [Fact]
    public void Differences_within_one_binade_are_exact_at_every_cancellation_depth()
    {
        // 1 + k·2^-17 − 1 = k·2^-17 exercises every normalisation shift 1..17.
        for (int k = 1; k < 1 << 17; k = k * 2 + 1)
        {
            float a = 1f + k * MathF.Pow(2, -17);
            Assert.Equal(k * MathF.Pow(2, -17), SimpleFloat.Add(a, -1f, M18));
        }
    }

    [Fact]
    public void Multiplication_keeps_the_top_m_bits_of_the_exact_product()
    {
        // (1 + 2^-17)^2 = 1 + 2^-16 + 2^-34: the 2^-34 term is truncated.
        float x = 1f + MathF.Pow(2, -17);
        Assert.Equal(1f + MathF.Pow(2, -16), SimpleFloat.Multiply(x, x, M18));
        // 1.5 · 1.5 = 2.25 needs the normalising right shift.
        Assert.Equal(2.25f, SimpleFloat.Multiply(1.5f, 1.5f, M18));
        Assert.Equal(-2.25f, SimpleFloat.Multiply(-1.5f, 1.5f, M18));
        Assert.Equal(2.25f, SimpleFloat.Multiply(-1.5f, -1.5f, M18));
    }

    [Fact]
    public void Multiply_add_is_the_adder_applied_to_the_truncated_product()
    {
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            uint acc = RandomOperand(random), a = RandomOperand(random), b = RandomOperand(random);
            Assert.Equal(SimpleFloat.Add(acc, SimpleFloat.Multiply(a, b, M18), M18), SimpleFloat.MultiplyAdd(acc, a, b, M18));
        }
        Assert.Equal(7f, SimpleFloat.MultiplyAdd(1f, 2f, 3f, M18));
        Assert.Equal(1f * 4 + 2f * 5 + 3f * 6, SimpleFloat.Dot(new[] { 1f, 2f, 3f }, new[] { 4f, 5f, 6f }, M18));
    }

    [Fact]
    public void Addition_and_multiplication_are_commutative_bit_for_bit()
    {
        var random = new Random(11);
        foreach (var format in new[] { M18, new SimpleFloatFormat(11, 0), new SimpleFloatFormat(24, 3) })
        {
            for (int i = 0; i < 20000; i++)
            {
                uint a = RandomOperand(random), b = RandomOperand(random);
                Assert.Equal(SimpleFloat.Add(a, b, format), SimpleFloat.Add(b, a, format));
                Assert.Equal(SimpleFloat.Multiply(a, b, format), SimpleFloat.Multiply(b, a, format));
            }
        }
    }

    [Theory]
    [InlineData(18, 1)]
    [InlineData(18, 0)]
    [InlineData(12, 3)]
    [InlineData(24, 1)]
    public void Results_are_well_formed_words_of_the_format(int m, int g)
    {
        var format = new SimpleFloatFormat(m, g);
        var random = new Random(13);
        uint lowMask = (1u << (24 - m)) - 1;
        for (int i = 0; i < 20000; i++)
        {
            uint a = RandomOperand(random), b = RandomOperand(random);
            foreach (uint r in new[] { SimpleFloat.Add(a, b, format), SimpleFloat.Multiply(a, b, format) })
            {
                int exponent = (int)(r >> 23) & 0xFF;
                Assert.True(r == 0 || exponent is >= 1 and <= 254, $"0x{r:X8} from 0x{a:X8}, 0x{b:X8}");
                Assert.Equal(0u, r & lowMask);
            }
        }
    }

    [Theory]
    [InlineData(18)]
    [InlineData(10)]
    [InlineData(24)]
    public void Products_are_within_one_truncation_of_the_exact_product(int m)
    {
        var format = new SimpleFloatFormat(m, 1);
        var random = new Random(17 + m);
        for (int i = 0; i < 20000; i++)
        {
            uint a = RandomNormal(random, 80, 170), b = RandomNormal(random, 80, 170);
            double exact = (double)SimpleFloat.TruncateInput(Value(a), format) * SimpleFloat.TruncateInput(Value(b), format);
            double r = SimpleFloat.Multiply(Value(a), Value(b), format);
            Assert.True(Math.Abs(r) <= Math.Abs(exact), $"{r:R} exceeds |{exact:R}|");
            Assert.True(Math.Abs(exact) - Math.Abs(r) < Math.Pow(2, 1 - m) * Math.Abs(exact), $"{r:R} vs {exact:R}");
            Assert.True(r == 0 ? exact == 0 : Math.Sign(r) == Math.Sign(exact));
        }
    }

    [Theory]
    [InlineData(18, 1)]
    [InlineData(18, 0)]
    [InlineData(10, 2)]
    [InlineData(24, 1)]
    public void Sums_are_within_the_documented_bound_of_the_exact_sum(int m, int g)
    {
        var format = new SimpleFloatFormat(m, g);
        var random = new Random(19 + m * 10 + g);
        for (int i = 0; i < 20000; i++)
        {
            // Exponents within 40 binades of each other, so the double sum below is exact.
            uint a = RandomNormal(random, 100, 140), b = RandomNormal(random, 100, 140);
            float ta = SimpleFloat.TruncateInput(Value(a), format), tb = SimpleFloat.TruncateInput(Value(b), format);
            double exact = (double)ta + tb;
            double r = SimpleFloat.Add(Value(a), Value(b), format);
            int ebig = Math.Max(Math.ILogB(ta), Math.ILogB(tb));
            double bound = Math.Pow(2, 1 - m) * Math.Abs(r) + Math.Pow(2, ebig - m + 1 - g);
            Assert.True(Math.Abs(r - exact) < bound, $"{ta:R} + {tb:R}: {r:R} vs {exact:R}, bound {bound:R}");
        }
    }

    [Fact]
    public void Dot_products_of_real_sized_vectors_stay_close_to_double_arithmetic()
    {
        var random = new Random(23);
        var a = new float[4096];
        var b = new float[4096];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (float)(random.NextDouble() * 2 - 1);
            b[i] = (float)(random.NextDouble() * 0.1);
        }
        double exact = 0, magnitude = 0;
        for (int i = 0; i < a.Length; i++)
        {
            exact += (double)a[i] * b[i];
            magnitude += Math.Abs((double)a[i] * b[i]);
        }
        double r = SimpleFloat.Dot(a, b, M18);
        // Each of the n steps loses under a few units of 2^-17 of the running magnitude.
        Assert.True(Math.Abs(r - exact) < 4 * Math.Pow(2, -17) * magnitude * Math.Log2(a.Length), $"{r} vs {exact}");
        Assert.NotEqual(exact, r);
    }

    /// <summary>Any bit pattern, with extra weight on zero, subnormals, exponent 255 and near-equal pairs' binades.</summary>
    private static uint RandomOperand(Random random)
    {
        uint bits = (uint)random.NextInt64(0, 1L << 32);
        return random.Next(10) switch
        {
            0 => bits & 0x807F_FFFFu,          // zero or subnormal
            1 => bits | 0x7F80_0000u,          // exponent 255
            2 => (bits & 0x807F_FFFFu) | (127u << 23),
            _ => bits,
        };
    }

    private static uint RandomNormal(Random random, int minExponent, int maxExponent)
    {
        uint sign = random.Next(2) == 0 ? 0u : 0x8000_0000u;
        uint exponent = (uint)random.Next(minExponent, maxExponent + 1);
        return sign | (exponent << 23) | (uint)random.Next(1 << 23);
    }
}
