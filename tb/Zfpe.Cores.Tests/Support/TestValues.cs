namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// Seeded test data as float32 bit patterns: random floats of wide dynamic range, neural-network
/// like data (Gaussian with a scale per block, ReLU outputs with many zeros), edge cases (±0,
/// subnormals, FLT_MAX, powers of two, NaN and ±Inf) and arbitrary bit patterns, mixed in runs
/// of a few blocks so that every kind meets every other inside a block now and then.
/// </summary>
public static class TestValues
{
    private static readonly uint[] EdgeCases =
    [
        0x00000000, 0x80000000,             // ±0
        0x00000001, 0x80000001,             // ±smallest subnormal
        0x007FFFFF, 0x807FFFFF,             // ±largest subnormal
        0x00400000,                         // a subnormal with one bit
        0x00800000, 0x80800000,             // ±2^-126
        0x7F7FFFFF, 0xFF7FFFFF,             // ±FLT_MAX
        0x7F000000, 0x3F800000, 0xBF800000, // 2^127, ±1
        0x3F800001, 0x3FFFFFFF, 0x4B7FFFFF, // 1 + ulp, just below 2, 2^24 - 1
        0x7FC00000, 0xFFC00000, 0x7F800001, // NaN (quiet, negative, signalling)
        0x7F800000, 0xFF800000,             // ±Inf
    ];

    /// <summary><paramref name="count"/> values of every kind, mixed (see the class summary).</summary>
    public static uint[] Mixed(int count, int seed, bool nonFinite = true)
    {
        var random = new Random(seed);
        var values = new uint[count];
        var i = 0;
        while (i < count)
        {
            var run = Math.Min(count - i, 4 * random.Next(1, 9) + (random.Next(8) == 0 ? random.Next(4) : 0));
            var kind = random.Next(6);
            for (var j = 0; j < run; j += 4)
            {
                var scale = MathF.ScaleB(1f, random.Next(-40, 40));
                for (var k = j; k < Math.Min(run, j + 4); k++)
                    values[i + k] = kind switch
                    {
                        0 => WideRange(random),
                        1 => Bits(Gaussian(random) * scale),
                        2 => Bits(MathF.Max(0f, Gaussian(random) - 0.7f) * scale),
                        3 => Edge(random, nonFinite),
                        4 => Arbitrary(random, nonFinite),
                        _ => random.Next(3) == 0 ? Edge(random, nonFinite) : Bits(Gaussian(random) * scale),
                    };
            }
            i += run;
        }
        return values;
    }

    /// <summary>
    /// <see cref="Mixed"/> with about a third of its blocks replaced by blocks of few significant bits
    /// (small integers times a power of two near a common scale): their lifted coefficients often lie
    /// exactly halfway between two multiples, or at equal distance from both windows' candidates,
    /// the ties of nearest rounding (docs/zfpe-format.md §3.1); and a sixth by blocks of four equal
    /// values, whose first lifted coefficient is the fixed-point value itself, anywhere in
    /// ±[2^29, 2^30): beyond the low window's range at either end.
    /// </summary>
    public static uint[] WithTies(int count, int seed)
    {
        var values = Mixed(count, seed);
        var random = new Random(seed + 1);
        for (var i = 0; i + 4 <= count; i += 4)
        {
            var kind = random.Next(6);
            if (kind > 2) continue;
            var scale = random.Next(-30, 30);
            if (kind == 2)
            {
                var equal = Bits((random.Next(2) == 0 ? -1 : 1) * (1f + random.NextSingle()) * MathF.ScaleB(1f, scale));
                values.AsSpan(i, 4).Fill(equal);
                continue;
            }
            for (var k = 0; k < 4; k++)
                values[i + k] = Bits(random.Next(-16, 17) * MathF.ScaleB(1f, scale + random.Next(-2, 3)));
        }
        return values;
    }

    /// <summary>Any sign, any exponent field 0..254 (subnormals included), any significand.</summary>
    public static uint WideRange(Random random) =>
        (uint)random.Next(2) << 31 | (uint)random.Next(255) << 23 | (uint)random.Next(1 << 23);

    public static uint Edge(Random random, bool nonFinite = true)
    {
        var pick = random.Next(nonFinite ? EdgeCases.Length + 8 : EdgeCases.Length + 3);
        if (pick < EdgeCases.Length)
        {
            var v = EdgeCases[pick];
            return !nonFinite && (v & 0x7F800000) == 0x7F800000 ? 0 : v;
        }
        // A power of two anywhere in the normal range, either sign.
        return (uint)random.Next(2) << 31 | (uint)random.Next(1, 255) << 23;
    }

    /// <summary>Any 32-bit pattern (NaN and Inf replaced by zero when <paramref name="nonFinite"/> is false).</summary>
    public static uint Arbitrary(Random random, bool nonFinite = true)
    {
        var v = (uint)random.NextInt64(1L << 32);
        return !nonFinite && (v & 0x7F800000) == 0x7F800000 ? v & 0x807FFFFF : v;
    }

    public static float Gaussian(Random random)
    {
        // Box-Muller; 1 - u keeps the logarithm finite.
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v));
    }

    public static uint Bits(float f) => BitConverter.SingleToUInt32Bits(f);

    public static float[] AsFloats(uint[] bits) => bits.Select(BitConverter.UInt32BitsToSingle).ToArray();

    public static bool IsNonFinite(uint bits) => (bits & 0x7F800000) == 0x7F800000;
}
