using CsCheck;
using Zfpe.Reference.Codecs;

namespace Zfpe.Reference.Tests.Codecs;

/// <summary>The encoder's rounding (docs/zfpe-format.md §3.1): truncate, the authors' rule, and nearest.</summary>
public class ZfpeRoundingTests
{
    private static ZfpeParameters Nearest(int b, int split) => new(b, 8, split, ZfpeRounding.Nearest);

    private static long Decoded(bool flag, uint payload, ZfpeParameters p) =>
        BlockTransform.InverseNegabinary(ZfpeCodec.InversePayloadWindow(flag, payload, p));

    /// <summary>The decoded coefficient of the field the encoder picks for <paramref name="c"/>.</summary>
    private static long Encoded(int c, ZfpeParameters p)
    {
        uint payload = ZfpeCodec.EncodePayload(c, p, out bool flag);
        Assert.True(payload >> p.B == 0, $"payload 0x{payload:X} has more than b = {p.B} bits");
        return Decoded(flag, payload, p);
    }

    /// <summary>Coefficients near every interesting place: anywhere, window edges, multiples of each step and the midpoints between them.</summary>
    private static Gen<int> Coefficient(ZfpeParameters p)
    {
        int lowShift = p.Split - p.B, highShift = 32 - p.B;
        var (lowMin, lowMax) = ZfpeCodec.WindowRange(false, p);
        var near = Gen.Int[-3, 3];
        return Gen.Frequency(
            (3, Gen.Int),
            (2, Gen.Int[-(1 << 30), 1 << 30]),
            (2, Gen.Select(Gen.Int[-64, 63], near, (m, d) => (int)Math.Clamp(((long)m << lowShift) + d, int.MinValue, int.MaxValue))),
            (2, Gen.Select(Gen.Int[-64, 63], near, (m, d) => (int)Math.Clamp(((long)m << lowShift) + (1L << lowShift >> 1) + d, int.MinValue, int.MaxValue))),
            (2, Gen.Select(Gen.Int[-16, 15], near, (m, d) => (int)Math.Clamp(((long)m << highShift) + (1L << highShift >> 1) + d, int.MinValue, int.MaxValue))),
            (1, Gen.Select(Gen.OneOf(lowMin, lowMax, int.MinValue, int.MaxValue, 0), Gen.Int[-(1 << 20), 1 << 20],
                (edge, d) => (int)Math.Clamp(edge + d, int.MinValue, int.MaxValue))));
    }

    public static TheoryData<int, int> Configurations()
    {
        var data = new TheoryData<int, int>();
        foreach (int b in new[] { 1, 2, 3, 4, 5, 6, 7, 9, 13 })
            foreach (int split in new[] { b, Math.Min(31, b + 3), 28, 30, 31 }.Where(s => s >= b).Distinct())
                data.Add(b, split);
        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Nearest_picks_the_closest_of_every_field_and_never_decodes_farther_than_truncate(int b, int split)
    {
        var p = Nearest(b, split);
        var truncate = p with { Rounding = ZfpeRounding.Truncate };
        // Every field a block can hold, decoded once: the encoder must pick one of the closest.
        var every = new List<long>();
        foreach (bool flag in new[] { false, true })
            for (uint payload = 0; payload < 1u << b; payload++)
                every.Add(Decoded(flag, payload, p));
        SeededProperty.Check(Coefficient(p), c =>
        {
            long nearest = Encoded(c, p);
            long best = every.Min(v => Math.Abs(c - v));
            Assert.Equal(best, Math.Abs(c - nearest));
            Assert.True(Math.Abs(c - nearest) <= Math.Abs(c - Encoded(c, truncate)), $"nearest {nearest} is farther than truncate from {c}");
        }, iterations: b <= 7 ? 4000 : 1500, seed: (ulong)(64 * b + split), print: c => c.ToString());
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void A_tie_goes_to_the_smaller_magnitude_and_one_value_in_both_windows_to_the_low_window(int b, int split)
    {
        var p = Nearest(b, split);
        var every = new List<(bool Flag, uint Payload, long Value)>();
        foreach (bool flag in new[] { false, true })
            for (uint payload = 0; payload < 1u << b; payload++)
                every.Add((flag, payload, Decoded(flag, payload, p)));
        SeededProperty.Check(Coefficient(p), c =>
        {
            long best = every.Min(f => Math.Abs(c - f.Value));
            var closest = every.Where(f => Math.Abs(c - f.Value) == best).ToList();
            long smallest = closest.Min(f => Math.Abs(f.Value));
            var expected = closest.Where(f => Math.Abs(f.Value) == smallest).OrderBy(f => f.Flag).First();
            uint payload = ZfpeCodec.EncodePayload(c, p, out bool flag);
            Assert.Equal((expected.Flag, expected.Payload), (flag, payload));
        }, iterations: 1500, seed: (ulong)(7000 + 64 * b + split), print: c => c.ToString());
    }

    [Fact]
    public void Halfway_between_two_values_the_smaller_magnitude_wins()
    {
        var p = Nearest(5, 28); // low window step 2^23
        Assert.Equal(0, Encoded(1 << 22, p));
        Assert.Equal(0, Encoded(-(1 << 22), p));
        Assert.Equal(1 << 23, Encoded(3 << 22, p));
        Assert.Equal(-(1 << 23), Encoded(-(3 << 22), p));
        Assert.Equal(2 << 23, Encoded((3 << 22) + 1, p)); // just past the midpoint: up
    }

    [Fact]
    public void A_value_both_windows_hold_is_coded_in_the_low_window()
    {
        var p = Nearest(5, 30); // 2^28: a low-window digit and a multiple of the high step 2^27
        uint payload = ZfpeCodec.EncodePayload(1 << 28, p, out bool flag);
        Assert.False(flag);
        Assert.Equal(1L << 28, Decoded(flag, payload, p));
        Assert.Equal(0u, ZfpeCodec.EncodePayload(0, p, out bool zeroFlag));
        Assert.False(zeroFlag);
    }

    [Fact]
    public void At_the_top_of_the_range_the_largest_high_window_value_is_taken_without_wrapping()
    {
        var p = Nearest(5, 28);
        Assert.Equal((1L << 31) - (1L << 27), ZfpeCodec.WindowRange(true, p).Max);
        Assert.Equal((1L << 31) - (1L << 27), Encoded(int.MaxValue, p)); // rounding up would wrap to −2^31
        Assert.Equal(int.MinValue, Encoded(int.MinValue, p));
        Assert.Equal(int.MinValue, Encoded(int.MinValue + (1 << 25), p));
    }

    [Fact]
    public void Between_the_windows_the_nearest_end_of_the_low_window_can_win()
    {
        var p = Nearest(5, 28); // low window: multiples of 2^23, digits 23..27 (odd ones negative)
        var (lowMin, lowMax) = ZfpeCodec.WindowRange(false, p);
        Assert.Equal((-(1L << 23) - (1L << 25) - (1L << 27), (1L << 24) + (1L << 26)), (lowMin, lowMax));
        // 100,000,000 lies above the low window; the high window's neighbours are 0 and 2^27.
        Assert.Equal(lowMax, Encoded(100_000_000, p));
        Assert.Equal(1L << 27, Encoded(110_000_000, p));
        // Truncation picks the high window (u >> 28 = 1) and keeps 2^27, twice as far.
        Assert.Equal(1L << 27, Encoded(100_000_000, p with { Rounding = ZfpeRounding.Truncate }));
    }

    [Fact]
    public void The_zero_block_and_subnormal_only_blocks_are_coded_as_with_truncate()
    {
        foreach (var block in new[] { new float[4], new[] { 1e-40f, -0f, -1e-39f, float.Epsilon } })
        {
            var trace = ZfpeCodec.EncodeBlock(block, Nearest(5, 30));
            Assert.Equal(0, trace.E);
            Assert.Equal(UInt128.Zero, trace.Bits);
        }
    }

    [Fact]
    public void Special_values_are_replaced_as_with_truncate_and_decode_finite()
    {
        var p = Nearest(5, 30);
        var trace = ZfpeCodec.EncodeBlock([float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e-40f], p);
        Assert.True(trace.NonFiniteInput);
        Assert.Equal(255, trace.E);
        Assert.All(ZfpeCodec.DecodeBlock(trace.Bits, p).Values, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Truncate_is_the_default_and_the_rounding_is_validated()
    {
        Assert.Equal(ZfpeRounding.Truncate, new ZfpeParameters().Rounding);
        var e = Assert.Throws<ArgumentException>(() => new ZfpeParameters(Rounding: (ZfpeRounding)7).Validate());
        TextAssert.ContainsAll(e.Message, "rounding = 7", "truncate, nearest");
        Assert.Equal(ZfpeRounding.Nearest, ZfpeParameters.ParseRounding("Nearest"));
        var parse = Assert.Throws<ArgumentException>(() => ZfpeParameters.ParseRounding("round"));
        TextAssert.ContainsAll(parse.Message, "rounding = 'round'", "truncate, nearest");
        Assert.Equal(new ZfpeParameters(5, 8, 30, ZfpeRounding.Nearest), ZfpeParameters.Plus());
    }

    [Fact]
    public void The_stream_encoder_writes_the_blocks_of_the_block_trace()
    {
        var p = Nearest(5, 30);
        SeededProperty.Check(CodecGens.AnyBlock, block =>
        {
            var stream = ZfpeCodec.Compress(block, p, out _);
            var bits = ZfpeCodec.EncodeBlock(block, p).Bits;
            Assert.Equal((uint)bits, BitConverter.ToUInt32(stream));
        }, iterations: 3000, seed: 31, print: SeededProperty.Show);
    }

    public static TheoryData<int, int, int> StableConfigurations() => ZfpeCodecTests.IdempotentConfigurations();

    [Theory]
    [MemberData(nameof(StableConfigurations))]
    public void Reencoding_its_own_output_gives_the_same_bits_when_the_block_exponent_is_kept(int b, int exponentBits, int split) =>
        ZfpeCodecTests.CheckReencodingGivesTheSameBits(new ZfpeParameters(b, exponentBits, split, ZfpeRounding.Nearest), seed: (ulong)(9000 + 64 * b + split + exponentBits));
}
