using System.Runtime.CompilerServices;

namespace Zfpe.Reference.Codecs;

/// <summary>
/// The ZFPe codec, bit-exact with docs/zfpe-format.md §2–§4: blocks of four float32 values, each coded
/// in exactly <see cref="ZfpeParameters.BlockBits"/> bits. The step functions carry the names of
/// the hardware pipeline stages (BlockExponent, FixedPoint, ForwardLift, Negabinary,
/// PayloadWindow and their inverses); the block traces expose every stage for co-simulation.
/// </summary>
/// <remarks>
/// A stream is its blocks concatenated bit by bit (not byte-aligned per block), least-significant
/// bit first, zero-padded to a whole byte. When the value count is not a multiple of 4, the last
/// block is padded with +0.0: zeros never change the block exponent, and they are what the
/// hardware compressor inserts at the end of a stream. Decompression returns only the real values.
/// </remarks>
public static class ZfpeCodec
{
    public const int BlockSize = 4;

    /// <summary>E = emax + 127; E = 0 marks the zero block.</summary>
    public const int ExponentBias = 127;

    // ---- step 1: domain ---------------------------------------------------------------------

    /// <summary>
    /// Step 1: NaN becomes 0 and ±Inf becomes ±FLT_MAX; returns true when anything was replaced
    /// (the sticky "non-finite input" status). Subnormals and zeros pass unchanged.
    /// </summary>
    public static bool ReplaceNonFinite(Span<float> block)
    {
        bool nonFinite = false;
        for (int k = 0; k < block.Length; k++)
            block[k] = ReplaceNonFinite(block[k], ref nonFinite);
        return nonFinite;
    }

    private static float ReplaceNonFinite(float x, ref bool nonFinite)
    {
        if (float.IsFinite(x))
            return x;
        nonFinite = true;
        return float.IsNaN(x) ? 0f : float.IsNegative(x) ? -float.MaxValue : float.MaxValue;
    }

    // ---- step 2: block exponent ---------------------------------------------------------------

    /// <summary>
    /// Step 2: the biased block exponent E = emax + 127, where emax is the largest frexp exponent
    /// of the block; for a normal float frexp's exponent is (exponent field) − 126, so
    /// E = (largest exponent field) + 1. E = 0 (the zero block) when every value is zero or
    /// subnormal. The values must be finite.
    /// </summary>
    public static int BlockExponent(ReadOnlySpan<float> block)
    {
        uint largestField = 0;
        foreach (float x in block)
            largestField = Math.Max(largestField, (BitConverter.SingleToUInt32Bits(x) >> 23) & 0xFF);
        if (largestField == 0xFF)
            throw new ArgumentException("the block holds NaN or ±Inf: replace them first (ReplaceNonFinite, §3 step 1)");
        return largestField == 0 ? 0 : (int)largestField + 1;
    }

    // ---- step 6: payload window and its inverse ------------------------------------------------

    /// <summary>
    /// Step 6: if u &gt;&gt; split = 0 the flag is 0 and the payload is the b bits just below the
    /// split (the low window, d = 32 − split extra bits of precision); otherwise the flag is 1 and
    /// the payload is the top b bits. Lower bits are dropped, not rounded (the truncate rounding;
    /// <see cref="EncodePayload"/> picks the rule the parameters name).
    /// </summary>
    public static uint PayloadWindow(uint u, ZfpeParameters p, out bool flag)
    {
        flag = (u >> p.Split) != 0;
        return (u >> WindowShift(flag, p)) & PayloadMask(p.B);
    }

    /// <summary>§4 step 2: the negabinary word a (flag, payload) pair stands for; dropped bits are zero.</summary>
    public static uint InversePayloadWindow(bool flag, uint payload, ZfpeParameters p) => payload << WindowShift(flag, p);

    /// <summary>Position of the payload's lowest bit: 32 − b in the high window, split − b in the low one.</summary>
    private static int WindowShift(bool flag, ZfpeParameters p) => (flag ? 32 : p.Split) - p.B;

    /// <summary>
    /// Step 6 as <paramref name="p"/>'s rounding says: <see cref="PayloadWindow"/> on the
    /// coefficient's negabinary word (truncate), or <see cref="NearestPayloadWindow"/> (nearest).
    /// </summary>
    public static uint EncodePayload(int lifted, ZfpeParameters p, out bool flag) =>
        p.Rounding == ZfpeRounding.Nearest
            ? NearestPayloadWindow(lifted, p, out flag)
            : PayloadWindow(BlockTransform.Negabinary(lifted), p, out flag);

    /// <summary>
    /// §3.1, nearest rounding: the field whose decoded coefficient is closest to
    /// <paramref name="lifted"/>. A window with payload shift s decodes to the multiples of 2^s in
    /// a range (<see cref="WindowRange"/>); in each window the candidate is the multiple nearest to
    /// the coefficient, clamped to the range; the closer candidate wins. Ties: the value of smaller
    /// magnitude; the same value in both windows: the low window (flag 0).
    /// </summary>
    public static uint NearestPayloadWindow(int lifted, ZfpeParameters p, out bool flag)
    {
        var (lowMin, lowMax) = WindowRange(false, p);
        var (highMin, highMax) = WindowRange(true, p);
        long low = NearestMultiple(lifted, WindowShift(false, p), lowMin, lowMax);
        long high = NearestMultiple(lifted, WindowShift(true, p), highMin, highMax);
        long lowDistance = Math.Abs(lifted - low), highDistance = Math.Abs(lifted - high);
        flag = highDistance < lowDistance || (highDistance == lowDistance && Math.Abs(high) < Math.Abs(low));
        long chosen = flag ? high : low;
        return (BlockTransform.Negabinary((int)chosen) >> WindowShift(flag, p)) & PayloadMask(p.B);
    }

    /// <summary>
    /// The smallest and the largest coefficient a window decodes to (§3.1); every multiple of
    /// 2^shift between them is one payload. The low window's payload bits are negabinary digits
    /// split − b .. split − 1, so its range is minus the sum of the odd-weighted digits to the sum
    /// of the even-weighted ones. The high window holds the top b bits of the 32-bit word, and
    /// since negabinary is a bijection modulo 2^32 its payloads decode to every multiple of
    /// 2^(32 − b) in int32: −2^31 .. 2^31 − 2^(32 − b).
    /// </summary>
    public static (long Min, long Max) WindowRange(bool flag, ZfpeParameters p)
    {
        int shift = WindowShift(flag, p);
        if (flag)
            return (int.MinValue, (long)int.MaxValue + 1 - (1L << shift));
        uint digits = PayloadMask(p.B) << shift;
        return (-(long)(digits & 0xAAAAAAAAu), digits & 0x55555555u);
    }

    /// <summary>The multiple of 2^shift nearest to <paramref name="value"/> (ties toward zero), clamped to [min, max].</summary>
    private static long NearestMultiple(long value, int shift, long min, long max)
    {
        long step = 1L << shift;
        long below = value >> shift << shift; // floor to a multiple
        long twice = 2 * (value - below);
        long nearest = twice < step ? below : twice > step ? below + step : below >= 0 ? below : below + step;
        return Math.Clamp(nearest, min, max);
    }

    // ---- §4 step 5: back to float --------------------------------------------------------------

    /// <summary>
    /// §4 step 5: <c>float(q) · 2^(emax − 30)</c>, the int32 → float conversion rounding to nearest
    /// even and the scaling exact; magnitudes below 2^-126 flush to ±0, above FLT_MAX saturate to ±FLT_MAX.
    /// </summary>
    public static float InverseFixedPoint(int q, int emax)
    {
        // (float)q rounds to nearest even; the double product is exact for every emax a 9-bit E can give.
        double v = (float)q * Math.ScaleB(1.0, emax - 30);
        double magnitude = Math.Abs(v);
        if (magnitude < MinNormal)
            return v < 0 ? -0f : 0f;
        if (magnitude > float.MaxValue)
            return v < 0 ? -float.MaxValue : float.MaxValue;
        return (float)v;
    }

    private const double MinNormal = 1.1754943508222875e-38; // 2^-126

    // ---- one block, with every stage exposed ----------------------------------------------------

    /// <summary>Compresses exactly four values and returns every intermediate stage.</summary>
    public static ZfpeBlockTrace EncodeBlock(ReadOnlySpan<float> block, ZfpeParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        p.Validate();
        RequireBlock(block.Length);

        var input = block.ToArray();
        bool nonFinite = ReplaceNonFinite(input);
        int e = BlockExponent(input);
        var q = new int[BlockSize];
        if (e != 0)
            BlockTransform.FixedPoint(input, e - ExponentBias, q);
        var lifted = (int[])q.Clone();
        BlockTransform.ForwardLift(lifted);
        var u = new uint[BlockSize];
        var flags = new bool[BlockSize];
        var payloads = new uint[BlockSize];
        UInt128 bits = (uint)e;
        for (int k = 0; k < BlockSize; k++)
        {
            u[k] = BlockTransform.Negabinary(lifted[k]);
            payloads[k] = EncodePayload(lifted[k], p, out flags[k]);
            UInt128 field = (flags[k] ? 1u : 0u) | (payloads[k] << 1);
            bits |= field << p.CoefficientOffset(k);
        }
        return new ZfpeBlockTrace
        {
            Input = input, NonFiniteInput = nonFinite, E = e, FixedPoint = q, Lifted = lifted,
            Negabinary = u, Flags = flags, Payloads = payloads, Bits = bits,
        };
    }

    /// <summary>
    /// Decompresses one block given as an integer whose bit 0 is the first bit of the block, and
    /// returns every stage. The integer stages are computed from the fields whatever E is (as the
    /// datapath does); for the zero block (E = 0) the values are (+0, +0, +0, +0).
    /// </summary>
    public static ZfpeDecodeTrace DecodeBlock(UInt128 blockBits, ZfpeParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        p.Validate();
        if (p.BlockBits < 128 && (blockBits >> p.BlockBits) != UInt128.Zero)
            throw new ArgumentException($"block 0x{blockBits:X} has bits set above its {p.BlockBits} bits (b = {p.B}, exponent-bits = {p.ExponentBits}): pass only one block");

        int e = (int)(uint)(blockBits & (uint)((1 << p.ExponentBits) - 1));
        var flags = new bool[BlockSize];
        var payloads = new uint[BlockSize];
        var u = new uint[BlockSize];
        var lifted = new int[BlockSize];
        for (int k = 0; k < BlockSize; k++)
        {
            uint field = (uint)(blockBits >> p.CoefficientOffset(k)) & ((PayloadMask(p.B) << 1) | 1u);
            flags[k] = (field & 1) != 0;
            payloads[k] = field >> 1;
            u[k] = InversePayloadWindow(flags[k], payloads[k], p);
            lifted[k] = BlockTransform.InverseNegabinary(u[k]);
        }
        var q = (int[])lifted.Clone();
        BlockTransform.InverseLift(q);
        var values = new float[BlockSize];
        if (e != 0)
            for (int k = 0; k < BlockSize; k++)
                values[k] = InverseFixedPoint(q[k], e - ExponentBias);
        return new ZfpeDecodeTrace
        {
            E = e, Flags = flags, Payloads = payloads, Negabinary = u, Lifted = lifted, FixedPoint = q, Values = values,
        };
    }

    // ---- streams ---------------------------------------------------------------------------------

    /// <summary>Bytes of the stream for <paramref name="valueCount"/> values: ceil(blocks · BlockBits / 8).</summary>
    public static long CompressedBytes(long valueCount, ZfpeParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        p.Validate();
        if (valueCount < 0)
            throw new ArgumentException($"value count = {valueCount} is negative: pass 0 or more values");
        long blocks = (valueCount + BlockSize - 1) / BlockSize;
        return (blocks * p.BlockBits + 7) / 8;
    }

    /// <summary>Compresses <paramref name="values"/> into a new stream; see the class remarks for the layout.</summary>
    public static byte[] Compress(ReadOnlySpan<float> values, ZfpeParameters p, out bool nonFiniteInput)
    {
        var stream = new byte[CompressedBytes(values.Length, p)];
        Compress(values, stream, p, out nonFiniteInput);
        return stream;
    }

    /// <summary>Compresses into <paramref name="destination"/> (at least CompressedBytes long); returns the bytes written.</summary>
    // Fully optimised from the first call: a single call on a large tensor must not run tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Compress(ReadOnlySpan<float> values, Span<byte> destination, ZfpeParameters p, out bool nonFiniteInput)
    {
        long needed = CompressedBytes(values.Length, p);
        if (destination.Length < needed)
            throw new ArgumentException($"the destination holds {destination.Length} bytes but {values.Length} values need {needed}: size it with CompressedBytes");

        var writer = new BitWriter(destination);
        var bits = System.Runtime.InteropServices.MemoryMarshal.Cast<float, uint>(values);
        bool nonFinite = false;
        int fullBlocks = values.Length / BlockSize;
        for (int i = 0; i < fullBlocks; i++)
        {
            var block = bits.Slice(i * BlockSize, BlockSize);
            nonFinite |= EncodeBlock(ref writer, block[0], block[1], block[2], block[3], p);
        }
        int rest = values.Length - fullBlocks * BlockSize;
        if (rest != 0)
        {
            Span<uint> last = stackalloc uint[BlockSize]; // +0.0 padding, see the class remarks
            bits[(fullBlocks * BlockSize)..].CopyTo(last);
            nonFinite |= EncodeBlock(ref writer, last[0], last[1], last[2], last[3], p);
        }
        nonFiniteInput = nonFinite;
        return writer.Flush();
    }

    /// <summary>
    /// The allocation-free form of <see cref="EncodeBlock(ReadOnlySpan{float}, ZfpeParameters)"/>, on
    /// the values' bit patterns: the same steps, fused so that a block costs a few dozen instructions.
    /// </summary>
    private static bool EncodeBlock(ref BitWriter writer, uint a0, uint a1, uint a2, uint a3, ZfpeParameters p)
    {
        uint largestField = Math.Max(Math.Max(a0 >> 23 & 0xFF, a1 >> 23 & 0xFF), Math.Max(a2 >> 23 & 0xFF, a3 >> 23 & 0xFF));
        bool nonFinite = largestField == 0xFF;
        if (nonFinite)
        {
            Span<float> block = [BitConverter.UInt32BitsToSingle(a0), BitConverter.UInt32BitsToSingle(a1),
                                 BitConverter.UInt32BitsToSingle(a2), BitConverter.UInt32BitsToSingle(a3)];
            ReplaceNonFinite(block);
            a0 = BitConverter.SingleToUInt32Bits(block[0]);
            a1 = BitConverter.SingleToUInt32Bits(block[1]);
            a2 = BitConverter.SingleToUInt32Bits(block[2]);
            a3 = BitConverter.SingleToUInt32Bits(block[3]);
            largestField = Math.Max(Math.Max(a0 >> 23 & 0xFF, a1 >> 23 & 0xFF), Math.Max(a2 >> 23 & 0xFF, a3 >> 23 & 0xFF));
        }
        if (largestField == 0)
        {
            writer.Pad(p.BlockBits); // the zero block
            return nonFinite;
        }
        int e = (int)largestField + 1;
        int emax = e - ExponentBias;
        int x = BlockTransform.FixedPointInBlock(a0, emax), y = BlockTransform.FixedPointInBlock(a1, emax);
        int z = BlockTransform.FixedPointInBlock(a2, emax), w = BlockTransform.FixedPointInBlock(a3, emax);
        BlockTransform.ForwardLift(ref x, ref y, ref z, ref w);

        // Pack E and the four (flag, payload) fields into as few 64-bit writes as fit.
        var packer = new FieldPacker((uint)e, p.ExponentBits);
        int fieldBits = 1 + p.B;
        packer.Add(ref writer, Field(x, p), fieldBits);
        packer.Add(ref writer, Field(y, p), fieldBits);
        packer.Add(ref writer, Field(z, p), fieldBits);
        packer.Add(ref writer, Field(w, p), fieldBits);
        packer.Flush(ref writer);
        return nonFinite;
    }

    /// <summary>A coefficient's field as laid out in the block: the flag in bit 0, the payload above it.</summary>
    private static uint Field(int coefficient, ZfpeParameters p)
    {
        uint payload = EncodePayload(coefficient, p, out bool flag);
        return (payload << 1) | (flag ? 1u : 0u);
    }

    /// <summary>Gathers consecutive fields into one word and hands it to the writer when the next would not fit.</summary>
    private struct FieldPacker(uint first, int firstBits)
    {
        private ulong _word = first;
        private int _bits = firstBits;

        public void Add(ref BitWriter writer, uint field, int bits)
        {
            if (_bits + bits > 64)
                Flush(ref writer);
            _word |= (ulong)field << _bits;
            _bits += bits;
        }

        public void Flush(ref BitWriter writer)
        {
            writer.Write(_word, _bits);
            _word = 0;
            _bits = 0;
        }
    }

    /// <summary>Decompresses <paramref name="valueCount"/> values from a stream of exactly CompressedBytes(valueCount) bytes.</summary>
    public static float[] Decompress(ReadOnlySpan<byte> stream, long valueCount, ZfpeParameters p)
    {
        if (valueCount < 0 || valueCount > Array.MaxLength)
            throw new ArgumentException($"value count = {valueCount} is out of range: allowed 0..{Array.MaxLength}");
        var values = new float[valueCount];
        Decompress(stream, values, p);
        return values;
    }

    /// <summary>Decompresses <c>destination.Length</c> values into <paramref name="destination"/>.</summary>
    // Fully optimised from the first call: a single call on a large tensor must not run tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decompress(ReadOnlySpan<byte> stream, Span<float> destination, ZfpeParameters p)
    {
        long needed = CompressedBytes(destination.Length, p);
        if (stream.Length != needed)
            throw new InvalidDataException(
                $"the ZFPe stream has {stream.Length} bytes but {destination.Length} values with b = {p.B}, exponent-bits = {p.ExponentBits} " +
                $"take exactly {needed}: check the value count and the codec parameters");

        var reader = new BitReader(stream);
        Span<float> block = stackalloc float[BlockSize];
        int fullBlocks = destination.Length / BlockSize;
        for (int i = 0; i < fullBlocks; i++)
            DecodeBlock(ref reader, destination.Slice(i * BlockSize, BlockSize), p);
        int rest = destination.Length - fullBlocks * BlockSize;
        if (rest != 0)
        {
            DecodeBlock(ref reader, block, p);
            block[..rest].CopyTo(destination[(fullBlocks * BlockSize)..]);
        }
    }

    /// <summary>The allocation-free form of <see cref="DecodeBlock(UInt128, ZfpeParameters)"/>.</summary>
    private static void DecodeBlock(ref BitReader reader, scoped Span<float> block, ZfpeParameters p)
    {
        int e = (int)reader.Read(p.ExponentBits);
        int fieldBits = 1 + p.B;
        int x = Coefficient((uint)reader.Read(fieldBits), p), y = Coefficient((uint)reader.Read(fieldBits), p);
        int z = Coefficient((uint)reader.Read(fieldBits), p), w = Coefficient((uint)reader.Read(fieldBits), p);
        if (e == 0)
        {
            block.Clear();
            return;
        }
        BlockTransform.InverseLift(ref x, ref y, ref z, ref w);
        int emax = e - ExponentBias;
        if (emax is >= -96 and <= 126)
        {
            // Here every result is normal and finite, so float arithmetic is exact after the
            // int → float rounding and gives what InverseFixedPoint gives.
            float scale = MathF.ScaleB(1f, emax - 30);
            block[0] = x * scale; block[1] = y * scale; block[2] = z * scale; block[3] = w * scale;
            return;
        }
        block[0] = InverseFixedPoint(x, emax); block[1] = InverseFixedPoint(y, emax);
        block[2] = InverseFixedPoint(z, emax); block[3] = InverseFixedPoint(w, emax);
    }

    /// <summary>The two's complement coefficient of a (flag, payload) field.</summary>
    private static int Coefficient(uint field, ZfpeParameters p) =>
        BlockTransform.InverseNegabinary(InversePayloadWindow((field & 1) != 0, field >> 1, p));

    private static uint PayloadMask(int b) => (1u << b) - 1;

    private static void RequireBlock(int length)
    {
        if (length != BlockSize)
            throw new ArgumentException($"a ZFPe block has exactly {BlockSize} values, got {length}: split longer inputs into blocks or use Compress");
    }
}
