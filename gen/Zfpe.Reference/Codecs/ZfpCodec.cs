using System.Runtime.CompilerServices;

namespace Zfpe.Reference.Codecs;

/// <summary>
/// ZFP fixed-rate compression of 1-D float32 arrays, bit-exact with LLNL zfp 1.0.0 as Debian ships
/// it (zfpe-format.md §6): the same block header, the same lift and negabinary map as ZFPe, then
/// zfp's embedded bit-plane coder with group tests (encode_few_ints / decode_ints), each block
/// exactly <see cref="ZfpParameters.MaxBits"/> bits.
/// </summary>
/// <remarks>
/// The stream matches what <c>zfp -f -1 N -r R</c> writes: blocks concatenated bit by bit, least
/// significant bit first, zero-padded to a byte. (Debian builds libzfp with 8-bit stream words,
/// <c>stream_word_bits = 8</c>; a build with 64-bit words would pad to 8 bytes instead.)
/// A partial last block is padded as zfp's pad_block does. Known differences from the library:
/// blocks whose largest magnitude is below 2^-98 are coded exactly here, while libzfp's float32
/// scale factor overflows and garbles them; NaN and ±Inf, which zfp does not define, are replaced
/// by 0 and ±FLT_MAX as in ZFPe.
/// </remarks>
public static class ZfpCodec
{
    public const int BlockSize = 4;

    /// <summary>Width of the biased exponent in the block header (after the 1-bit "non-zero" flag).</summary>
    public const int ExponentBits = 8;

    public const int ExponentBias = 127;

    private const int IntPrecision = 32;

    // ---- the steps that differ from ZFPe ------------------------------------------------------

    /// <summary>
    /// zfp's block exponent: emax = frexp exponent of the largest magnitude, clamped to −126 so that
    /// subnormal-only blocks still code (unlike ZFPe's zero block); −127 when all values are zero.
    /// Returns the biased E = emax + 127 (0 = the all-zero block).
    /// </summary>
    public static int BlockExponent(ReadOnlySpan<float> block)
    {
        uint largest = 0;
        foreach (float x in block)
            largest = Math.Max(largest, BitConverter.SingleToUInt32Bits(x) & 0x7FFFFFFFu);
        if (largest >= 0x7F800000u)
            throw new ArgumentException("the block holds NaN or ±Inf: replace them first");
        if (largest == 0)
            return 0;
        // frexp gives (exponent field) − 126 for a normal float; a subnormal maximum clamps to −126.
        int field = (int)(largest >> 23);
        return field == 0 ? 1 : field + 1;
    }

    /// <summary>
    /// zfp's inverse cast: the int is converted to float (round to nearest even) and multiplied in
    /// float32 by the scale 2^(emax − 30), itself a float32 (0 below 2^-149), exactly as inv_cast does.
    /// </summary>
    public static float InverseFixedPoint(int q, int emax) => (float)q * MathF.ScaleB(1f, emax - 30);

    // ---- streams ---------------------------------------------------------------------------------

    /// <summary>Bytes of the stream for <paramref name="valueCount"/> values: ceil(blocks · MaxBits / 8).</summary>
    public static long CompressedBytes(long valueCount, ZfpParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        p.Validate();
        if (valueCount < 0)
            throw new ArgumentException($"value count = {valueCount} is negative: pass 0 or more values");
        long blocks = (valueCount + BlockSize - 1) / BlockSize;
        return (blocks * p.MaxBits + 7) / 8;
    }

    /// <summary>Compresses <paramref name="values"/>; NaN and ±Inf are replaced silently (use the overload with the status to see them).</summary>
    public static byte[] Compress(ReadOnlySpan<float> values, ZfpParameters p) => Compress(values, p, out _);

    public static byte[] Compress(ReadOnlySpan<float> values, ZfpParameters p, out bool nonFiniteInput)
    {
        var stream = new byte[CompressedBytes(values.Length, p)];
        Compress(values, stream, p, out nonFiniteInput);
        return stream;
    }

    /// <summary>Compresses into <paramref name="destination"/> (at least CompressedBytes long); returns the bytes written.</summary>
    // Fully optimised from the first call: a single call on a large tensor must not run tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Compress(ReadOnlySpan<float> values, Span<byte> destination, ZfpParameters p, out bool nonFiniteInput)
    {
        long needed = CompressedBytes(values.Length, p);
        if (destination.Length < needed)
            throw new ArgumentException($"the destination holds {destination.Length} bytes but {values.Length} values need {needed}: size it with CompressedBytes");

        var writer = new BitWriter(destination);
        Span<float> block = stackalloc float[BlockSize];
        int maxBits = p.MaxBits;
        bool nonFinite = false;
        int fullBlocks = values.Length / BlockSize;
        for (int i = 0; i < fullBlocks; i++)
        {
            values.Slice(i * BlockSize, BlockSize).CopyTo(block);
            nonFinite |= EncodeBlock(ref writer, block, maxBits);
        }
        int rest = values.Length - fullBlocks * BlockSize;
        if (rest != 0)
        {
            values[(fullBlocks * BlockSize)..].CopyTo(block);
            PadPartialBlock(block, rest);
            nonFinite |= EncodeBlock(ref writer, block, maxBits);
        }
        nonFiniteInput = nonFinite;
        return writer.Flush();
    }

    /// <summary>zfp's pad_block for a block holding only its first <paramref name="n"/> values (1..3).</summary>
    public static void PadPartialBlock(Span<float> block, int n)
    {
        if (n is < 1 or > BlockSize)
            throw new ArgumentException($"a partial block holds 1..{BlockSize} values, got {n}");
        if (n <= 1) block[1] = block[0];
        if (n <= 2) block[2] = block[1];
        if (n <= 3) block[3] = block[0];
    }

    // emax comes from the block itself, so every value is below 2^emax and the unchecked form applies.
    private static int FixedPoint(float x, int emax) => BlockTransform.FixedPointInBlock(BitConverter.SingleToUInt32Bits(x), emax);

    /// <summary>Codes one block in exactly <paramref name="maxBits"/> bits (zfp's encode_block for float).</summary>
    private static bool EncodeBlock(ref BitWriter writer, scoped Span<float> block, int maxBits)
    {
        bool nonFinite = ZfpeCodec.ReplaceNonFinite(block);
        int e = BlockExponent(block);
        if (e == 0)
        {
            writer.Pad(maxBits);
            return nonFinite;
        }
        // Header: the "non-zero" bit, then E, least-significant bit first.
        writer.Write(2u * (uint)e + 1, 1 + ExponentBits);
        int emax = e - ExponentBias;
        int x = FixedPoint(block[0], emax), y = FixedPoint(block[1], emax);
        int z = FixedPoint(block[2], emax), w = FixedPoint(block[3], emax);
        BlockTransform.ForwardLift(ref x, ref y, ref z, ref w);
        int budget = maxBits - 1 - ExponentBits;
        int used = EncodeBitPlanes(ref writer,
            BlockTransform.Negabinary(x), BlockTransform.Negabinary(y),
            BlockTransform.Negabinary(z), BlockTransform.Negabinary(w), budget);
        writer.Pad(budget - used);
        return nonFinite;
    }

    /// <summary>
    /// The embedded coder (zfp's encode_few_ints, 4 coefficients, all 32 planes allowed): for each
    /// bit plane from the MSB, the bits of the n coefficients already significant go out verbatim;
    /// then group tests ("is there a 1 among the rest?") each followed by a unary scan up to that 1,
    /// the last coefficient's 1 being implied. Stops the moment <paramref name="budget"/> bits are
    /// spent; returns the bits written.
    /// </summary>
    private static int EncodeBitPlanes(ref BitWriter writer, uint u0, uint u1, uint u2, uint u3, int budget)
    {
        int bits = budget;
        int n = 0;
        for (int k = IntPrecision - 1; bits > 0 && k >= 0; k--)
        {
            uint x = ((u0 >> k) & 1) | (((u1 >> k) & 1) << 1) | (((u2 >> k) & 1) << 2) | (((u3 >> k) & 1) << 3);
            int m = Math.Min(n, bits);
            bits -= m;
            writer.Write(x & ((1u << m) - 1), m);
            x >>= m;
            for (; bits > 0 && n < BlockSize; x >>= 1, n++)
            {
                bits--;
                if (x == 0)
                {
                    writer.WriteBit(0); // negative group test: the rest of this plane is zero
                    break;
                }
                writer.WriteBit(1);
                for (; bits > 0 && n < BlockSize - 1; x >>= 1, n++)
                {
                    bits--;
                    uint bit = x & 1;
                    writer.WriteBit(bit);
                    if (bit != 0)
                        break;
                }
            }
        }
        return budget - bits;
    }

    /// <summary>Decompresses <paramref name="valueCount"/> values from a stream of exactly CompressedBytes(valueCount) bytes.</summary>
    public static float[] Decompress(ReadOnlySpan<byte> stream, long valueCount, ZfpParameters p)
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
    public static void Decompress(ReadOnlySpan<byte> stream, Span<float> destination, ZfpParameters p)
    {
        long needed = CompressedBytes(destination.Length, p);
        if (stream.Length != needed)
            throw new InvalidDataException(
                $"the ZFP stream has {stream.Length} bytes but {destination.Length} values at rate {p.Rate} ({p.MaxBits} bits per block) " +
                $"take exactly {needed}: check the value count and the rate");

        var reader = new BitReader(stream);
        Span<float> block = stackalloc float[BlockSize];
        Span<uint> u = stackalloc uint[BlockSize];
        int maxBits = p.MaxBits;
        int fullBlocks = destination.Length / BlockSize;
        for (int i = 0; i < fullBlocks; i++)
        {
            DecodeBlock(ref reader, u, block, maxBits);
            block.CopyTo(destination.Slice(i * BlockSize, BlockSize));
        }
        int rest = destination.Length - fullBlocks * BlockSize;
        if (rest != 0)
        {
            DecodeBlock(ref reader, u, block, maxBits);
            block[..rest].CopyTo(destination[(fullBlocks * BlockSize)..]);
        }
    }

    /// <summary>Decodes one block of exactly <paramref name="maxBits"/> bits (zfp's decode_block for float).</summary>
    private static void DecodeBlock(ref BitReader reader, scoped Span<uint> u, scoped Span<float> block, int maxBits)
    {
        if (reader.ReadBit() == 0)
        {
            block.Clear();
            reader.Skip(maxBits - 1);
            return;
        }
        int emax = (int)reader.Read(ExponentBits) - ExponentBias;
        int budget = maxBits - 1 - ExponentBits;
        int used = DecodeBitPlanes(ref reader, u, budget);
        reader.Skip(budget - used);
        int x = BlockTransform.InverseNegabinary(u[0]), y = BlockTransform.InverseNegabinary(u[1]);
        int z = BlockTransform.InverseNegabinary(u[2]), w = BlockTransform.InverseNegabinary(u[3]);
        BlockTransform.InverseLift(ref x, ref y, ref z, ref w);
        float scale = MathF.ScaleB(1f, emax - 30); // inv_cast: (float)q · scale, all in float32
        block[0] = x * scale; block[1] = y * scale; block[2] = z * scale; block[3] = w * scale;
    }

    /// <summary>
    /// zfp's decode_ints for 4 coefficients. Like the library, when the budget runs out in the
    /// middle of a scan after a positive group test, the 1 is placed at the coefficient reached.
    /// </summary>
    private static int DecodeBitPlanes(ref BitReader reader, scoped Span<uint> u, int budget)
    {
        uint u0 = 0, u1 = 0, u2 = 0, u3 = 0;
        int bits = budget;
        int n = 0;
        for (int k = IntPrecision - 1; bits > 0 && k >= 0; k--)
        {
            int m = Math.Min(n, bits);
            bits -= m;
            uint x = (uint)reader.Read(m);
            while (n < BlockSize && bits > 0)
            {
                bits--;
                if (reader.ReadBit() == 0)
                    break; // negative group test
                while (n < BlockSize - 1 && bits > 0)
                {
                    bits--;
                    if (reader.ReadBit() != 0)
                        break;
                    n++;
                }
                x |= 1u << n;
                n++;
            }
            u0 |= (x & 1) << k;
            u1 |= ((x >> 1) & 1) << k;
            u2 |= ((x >> 2) & 1) << k;
            u3 |= ((x >> 3) & 1) << k;
        }
        u[0] = u0; u[1] = u1; u[2] = u2; u[3] = u3;
        return budget - bits;
    }
}
