namespace Zfpe.Reference.Float;

/// <summary>
/// Bit-exact model of the accelerator's simplified float multiplier and adder. Operands and
/// results are float32 bit patterns; the rules (truncation, flushing, saturation, +0) are listed
/// in Float/README.md and each step below is one pipeline stage of the hardware.
/// </summary>
public static class SimpleFloat
{
    public const int ExponentBias = 127;

    /// <summary>The largest exponent field of a result; 255 is never produced.</summary>
    public const int MaxResultExponent = 254;

    private const uint SignBit = 0x8000_0000u;

    /// <summary>
    /// The value a core computes with: exponent field 0 (zero or subnormal) gives +0; otherwise
    /// the significand keeps its top m bits (truncated toward zero). Exponent field 255 is an
    /// ordinary binade, not Inf or NaN.
    /// </summary>
    public static uint TruncateInput(uint bits, SimpleFloatFormat format)
    {
        format.Validate();
        if (((bits >> 23) & 0xFF) == 0)
            return 0;
        return bits & ~((1u << (24 - format.SignificandBits)) - 1);
    }

    public static float TruncateInput(float x, SimpleFloatFormat format) =>
        BitConverter.UInt32BitsToSingle(TruncateInput(BitConverter.SingleToUInt32Bits(x), format));

    /// <summary>The product a · b: exact product of the truncated significands, normalised by at most one right shift, truncated to m bits.</summary>
    public static uint Multiply(uint a, uint b, SimpleFloatFormat format)
    {
        format.Validate();
        int m = format.SignificandBits;
        var x = Operand.Decode(a, m);
        var y = Operand.Decode(b, m);
        if (x.IsZero || y.IsZero)
            return 0;

        // Two m-bit significands in [2^(m-1), 2^m) give a product in [2^(2m-2), 2^(2m)).
        ulong product = (ulong)x.Significand * y.Significand;
        int exponent = x.Exponent + y.Exponent - ExponentBias;
        uint significand;
        if ((product >> (2 * m - 1)) != 0)
        {
            significand = (uint)(product >> m);
            exponent++;
        }
        else
        {
            significand = (uint)(product >> (m - 1));
        }
        return Pack(x.Negative ^ y.Negative, exponent, significand, format);
    }

    public static float Multiply(float a, float b, SimpleFloatFormat format) =>
        BitConverter.UInt32BitsToSingle(Multiply(BitConverter.SingleToUInt32Bits(a), BitConverter.SingleToUInt32Bits(b), format));

    /// <summary>The sum a + b: order by magnitude, align with G guard bits, add or subtract, normalise, truncate to m bits.</summary>
    public static uint Add(uint a, uint b, SimpleFloatFormat format)
    {
        format.Validate();
        int m = format.SignificandBits;
        int g = format.GuardBits;
        int width = format.SumWidth;
        var x = Operand.Decode(a, m);
        var y = Operand.Decode(b, m);

        // Magnitude order (exponent, then significand) makes the difference non-negative, so the
        // datapath never negates, and makes the operation commutative bit for bit.
        var (big, small) = IsLarger(y, x) ? (y, x) : (x, y);
        if (big.IsZero)
            return 0;

        ulong bigAligned = (ulong)big.Significand << g;
        int distance = big.Exponent - small.Exponent;
        ulong smallAligned = distance >= width ? 0 : ((ulong)small.Significand << g) >> distance;

        ulong sum = big.Negative == small.Negative ? bigAligned + smallAligned : bigAligned - smallAligned;
        if (sum == 0)
            return 0;

        int exponent = big.Exponent;
        if ((sum >> width) != 0)
        {
            sum >>= 1;
            exponent++;
        }
        else
        {
            sum = Normalise(sum, width, format.NormaliseShifts, out int shift);
            exponent -= shift;
        }
        return Pack(big.Negative, exponent, (uint)(sum >> g), format);
    }

    public static float Add(float a, float b, SimpleFloatFormat format) =>
        BitConverter.UInt32BitsToSingle(Add(BitConverter.SingleToUInt32Bits(a), BitConverter.SingleToUInt32Bits(b), format));

    /// <summary>The processing element's step acc + a · b: the multiplier's truncated product goes into the adder.</summary>
    public static uint MultiplyAdd(uint accumulator, uint a, uint b, SimpleFloatFormat format) =>
        Add(accumulator, Multiply(a, b, format), format);

    public static float MultiplyAdd(float accumulator, float a, float b, SimpleFloatFormat format) =>
        BitConverter.UInt32BitsToSingle(MultiplyAdd(BitConverter.SingleToUInt32Bits(accumulator),
            BitConverter.SingleToUInt32Bits(a), BitConverter.SingleToUInt32Bits(b), format));

    /// <summary>Σ a[i]·b[i] accumulated in index order from +0, one <see cref="MultiplyAdd(uint,uint,uint,SimpleFloatFormat)"/> per term.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b, SimpleFloatFormat format)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"dot product of vectors of different lengths ({a.Length} and {b.Length}): pass equal lengths");
        uint accumulator = 0;
        for (int i = 0; i < a.Length; i++)
            accumulator = MultiplyAdd(accumulator, BitConverter.SingleToUInt32Bits(a[i]), BitConverter.SingleToUInt32Bits(b[i]), format);
        return BitConverter.UInt32BitsToSingle(accumulator);
    }

    /// <summary>
    /// The normaliser stage: for each shift s in <paramref name="stages"/>, shift left by s when the
    /// top s bits of the <paramref name="width"/>-bit value are zero. Returns the shifted value and
    /// the total shift. With <see cref="SimpleFloatFormat.NormaliseShifts"/> the leading one of any
    /// non-zero value ends up in bit width − 1.
    /// </summary>
    public static ulong Normalise(ulong value, int width, IReadOnlyList<int> stages, out int shift)
    {
        if (width is < 1 or > 63)
            throw new ArgumentOutOfRangeException(nameof(width), $"width = {width} is out of range: allowed 1..63");
        if ((value >> width) != 0)
            throw new ArgumentException($"value 0x{value:X} does not fit in {width} bits", nameof(value));
        shift = 0;
        ulong mask = (1UL << width) - 1;
        foreach (int s in stages)
        {
            if (s <= width && (value >> (width - s)) == 0)
            {
                value = (value << s) & mask;
                shift += s;
            }
        }
        return value;
    }

    /// <summary>Encodes a result: +0 below the smallest normal, ±largest finite above the largest, else the m-bit significand (hidden bit set) and the exponent field.</summary>
    private static uint Pack(bool negative, int exponent, uint significand, SimpleFloatFormat format)
    {
        uint sign = negative ? SignBit : 0u;
        if (exponent <= 0)
            return 0;
        if (exponent > MaxResultExponent)
            return sign | format.LargestFiniteBits;
        int m = format.SignificandBits;
        uint fraction = (significand & ((1u << (m - 1)) - 1)) << (24 - m);
        return sign | ((uint)exponent << 23) | fraction;
    }

    private static bool IsLarger(Operand p, Operand q) =>
        p.Exponent > q.Exponent || (p.Exponent == q.Exponent && p.Significand > q.Significand);

    /// <summary>An unpacked operand: sign, exponent field, m-bit significand with the hidden bit (0 for zero).</summary>
    private readonly record struct Operand(bool Negative, int Exponent, uint Significand)
    {
        public bool IsZero => Significand == 0;

        public static Operand Decode(uint bits, int m)
        {
            int exponent = (int)(bits >> 23) & 0xFF;
            if (exponent == 0)
                return new Operand(false, 0, 0);
            uint significand = ((bits & 0x7F_FFFFu) | 0x80_0000u) >> (24 - m);
            return new Operand((bits & SignBit) != 0, exponent, significand);
        }
    }
}
