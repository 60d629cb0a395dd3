using System.Runtime.CompilerServices;

namespace Zfpe.Reference.Codecs;

/// <summary>
/// ZFP fixed-rate compression of float32 arrays in 1, 2 and 3 dimensions, bit-exact with LLNL
/// zfp 1.0.0 as Debian ships it (docs/zfpe-format.md §7): the same block header, the same lift
/// (along each dimension in turn) and negabinary map as ZFPe, zfp's reordering of 2-D and 3-D
/// coefficients by sequency, then zfp's embedded bit-plane coder with group tests
/// (encode_few_ints / decode_ints), each block of 4^d values exactly
/// <see cref="ZfpParameters.MaxBitsFor"/> bits.
/// </summary>
/// <remarks>
/// The stream matches what <c>zfp -f -1 N -r R</c> (or -2 NX NY, -3 NX NY NZ) writes: blocks in
/// x-fastest order concatenated bit by bit, least significant bit first, zero-padded to a byte.
/// (Debian builds libzfp with 8-bit stream words, <c>stream_word_bits = 8</c>; a build with
/// 64-bit words would pad to 8 bytes instead.) Partial blocks at the far edges are padded as
/// zfp's gather_partial / pad_block do. Known differences from the library: blocks whose largest
/// magnitude is below 2^-98 are coded exactly here, while libzfp's float32 scale factor overflows
/// and garbles them; NaN and ±Inf, which zfp does not define, are replaced by 0 and ±FLT_MAX as
/// in ZFPe (a FLT_MAX so coded may decode to ±inf, as zfp's float32 decoding rounds it up).
/// </remarks>
public static class ZfpCodec
{
    /// <summary>Values per block in 1-D; a d-dimensional block holds 4^d.</summary>
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

    /// <summary>Bytes of the 1-D stream for <paramref name="valueCount"/> values: ceil(blocks · MaxBits / 8).</summary>
    public static long CompressedBytes(long valueCount, ZfpParameters p)
    {
        if (valueCount < 0)
            throw new ArgumentException($"value count = {valueCount} is negative: pass 0 or more values");
        return CompressedBytes(ZfpField.OneD(valueCount), p);
    }

    /// <summary>Bytes of the stream for <paramref name="field"/>: ceil(blocks · MaxBitsFor(d) / 8).</summary>
    public static long CompressedBytes(ZfpField field, ZfpParameters p)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(p);
        p.Validate();
        return (field.Blocks * p.MaxBitsFor(field.Dimensions) + 7) / 8;
    }

    /// <summary>Compresses <paramref name="values"/> as a 1-D field; NaN and ±Inf are replaced silently (use the overload with the status to see them).</summary>
    public static byte[] Compress(ReadOnlySpan<float> values, ZfpParameters p) => Compress(values, p, out _);

    public static byte[] Compress(ReadOnlySpan<float> values, ZfpParameters p, out bool nonFiniteInput) =>
        Compress(values, ZfpField.OneD(values.Length), p, out nonFiniteInput);

    /// <summary>Compresses 1-D into <paramref name="destination"/> (at least CompressedBytes long); returns the bytes written.</summary>
    public static int Compress(ReadOnlySpan<float> values, Span<byte> destination, ZfpParameters p, out bool nonFiniteInput) =>
        Compress(values, ZfpField.OneD(values.Length), destination, p, out nonFiniteInput);

    /// <summary>Compresses <paramref name="values"/> (C order, x fastest) as <paramref name="field"/>.</summary>
    public static byte[] Compress(ReadOnlySpan<float> values, ZfpField field, ZfpParameters p, out bool nonFiniteInput)
    {
        var stream = new byte[CompressedBytes(field, p)];
        Compress(values, field, stream, p, out nonFiniteInput);
        return stream;
    }

    /// <summary>Compresses into <paramref name="destination"/> (at least CompressedBytes long); returns the bytes written.</summary>
    // Fully optimised from the first call: a single call on a large tensor must not run tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Compress(ReadOnlySpan<float> values, ZfpField field, Span<byte> destination, ZfpParameters p, out bool nonFiniteInput)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (values.Length != field.Count)
            throw new ArgumentException($"the field {field} holds {field.Count} values but {values.Length} were given: pass the tensor's own shape");
        long needed = CompressedBytes(field, p);
        if (destination.Length < needed)
            throw new ArgumentException($"the destination holds {destination.Length} bytes but {field} needs {needed}: size it with CompressedBytes");

        var writer = new BitWriter(destination);
        var coder = new BlockCoder(field.Dimensions, p.MaxBitsFor(field.Dimensions));
        Span<float> block = stackalloc float[coder.Size];
        Span<int> q = stackalloc int[coder.Size];
        Span<uint> u = stackalloc uint[coder.Size];
        bool nonFinite = false;
        if (field.Dimensions == 1)
        {
            // The common case without the gather's index arithmetic.
            int full = values.Length / BlockSize;
            for (int i = 0; i < full; i++)
            {
                values.Slice(i * BlockSize, BlockSize).CopyTo(block);
                nonFinite |= coder.Encode(ref writer, block, q, u);
            }
            if (values.Length % BlockSize != 0)
            {
                values[(full * BlockSize)..].CopyTo(block);
                PadPartialBlock(block, values.Length % BlockSize);
                nonFinite |= coder.Encode(ref writer, block, q, u);
            }
        }
        else
        {
            foreach (var (x, y, z) in BlockOrigins(field))
            {
                Gather(values, field, x, y, z, block);
                nonFinite |= coder.Encode(ref writer, block, q, u);
            }
        }
        nonFiniteInput = nonFinite;
        return writer.Flush();
    }

    /// <summary>zfp's pad_block for a 1-D block holding only its first <paramref name="n"/> values (1..3).</summary>
    public static void PadPartialBlock(Span<float> block, int n)
    {
        if (n is < 1 or > BlockSize)
            throw new ArgumentException($"a partial block holds 1..{BlockSize} values, got {n}");
        PadBlock(block, n, 1);
    }

    /// <summary>zfp's pad_block along one line of a block: n values at stride s, completed to 4.</summary>
    private static void PadBlock(Span<float> p, int n, int s)
    {
        if (n <= 0) p[0] = 0;
        if (n <= 1) p[s] = p[0];
        if (n <= 2) p[2 * s] = p[s];
        if (n <= 3) p[3 * s] = p[0];
    }

    /// <summary>The first value of every block, x fastest, as zfp's compress loops visit them.</summary>
    private static IEnumerable<(long X, long Y, long Z)> BlockOrigins(ZfpField field)
    {
        for (long z = 0; z < field.Nz; z += BlockSize)
            for (long y = 0; y < field.Ny; y += BlockSize)
                for (long x = 0; x < field.Nx; x += BlockSize)
                    yield return (x, y, z);
    }

    /// <summary>zfp's gather_partial: copies the block at (x0, y0, z0), padding it along x, then y, then z.</summary>
    private static void Gather(ReadOnlySpan<float> values, ZfpField field, long x0, long y0, long z0, Span<float> block)
    {
        int nx = (int)Math.Min(4, field.Nx - x0), ny = (int)Math.Min(4, field.Ny - y0), nz = (int)Math.Min(4, field.Nz - z0);
        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < ny; y++)
            {
                long row = ((z0 + z) * field.Ny + y0 + y) * field.Nx + x0;
                values.Slice((int)row, nx).CopyTo(block.Slice(16 * z + 4 * y, nx));
                PadBlock(block[(16 * z + 4 * y)..], nx, 1);
            }
            if (field.Dimensions >= 2)
                for (int x = 0; x < 4; x++)
                    PadBlock(block[(16 * z + x)..], ny, 4);
        }
        if (field.Dimensions == 3)
            for (int i = 0; i < 16; i++)
                PadBlock(block[i..], nz, 16);
    }

    /// <summary>Writes the part of a decoded block that lies inside the field.</summary>
    private static void Scatter(ReadOnlySpan<float> block, ZfpField field, long x0, long y0, long z0, Span<float> values)
    {
        int nx = (int)Math.Min(4, field.Nx - x0), ny = (int)Math.Min(4, field.Ny - y0), nz = (int)Math.Min(4, field.Nz - z0);
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                block.Slice(16 * z + 4 * y, nx).CopyTo(values.Slice((int)(((z0 + z) * field.Ny + y0 + y) * field.Nx + x0), nx));
    }

    /// <summary>Decompresses <paramref name="valueCount"/> values of a 1-D stream of exactly CompressedBytes(valueCount) bytes.</summary>
    public static float[] Decompress(ReadOnlySpan<byte> stream, long valueCount, ZfpParameters p)
    {
        if (valueCount < 0 || valueCount > Array.MaxLength)
            throw new ArgumentException($"value count = {valueCount} is out of range: allowed 0..{Array.MaxLength}");
        return Decompress(stream, ZfpField.OneD(valueCount), p);
    }

    /// <summary>Decompresses a stream of exactly CompressedBytes(field) bytes.</summary>
    public static float[] Decompress(ReadOnlySpan<byte> stream, ZfpField field, ZfpParameters p)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Count > Array.MaxLength)
            throw new ArgumentException($"the field {field} holds {field.Count} values, more than an array can ({Array.MaxLength})");
        var values = new float[field.Count];
        Decompress(stream, field, values, p);
        return values;
    }

    /// <summary>Decompresses <c>destination.Length</c> values of a 1-D stream into <paramref name="destination"/>.</summary>
    public static void Decompress(ReadOnlySpan<byte> stream, Span<float> destination, ZfpParameters p) =>
        Decompress(stream, ZfpField.OneD(destination.Length), destination, p);

    /// <summary>Decompresses the field into <paramref name="destination"/> (C order, exactly field.Count values).</summary>
    // Fully optimised from the first call: a single call on a large tensor must not run tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decompress(ReadOnlySpan<byte> stream, ZfpField field, Span<float> destination, ZfpParameters p)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (destination.Length != field.Count)
            throw new ArgumentException($"the destination holds {destination.Length} values but the field {field} has {field.Count}");
        long needed = CompressedBytes(field, p);
        if (stream.Length != needed)
            throw new InvalidDataException(
                $"the ZFP stream has {stream.Length} bytes but the field {field} at rate {p.Rate} ({p.MaxBitsFor(field.Dimensions)} bits per block) " +
                $"takes exactly {needed}: check the value count and the rate");

        var reader = new BitReader(stream);
        var coder = new BlockCoder(field.Dimensions, p.MaxBitsFor(field.Dimensions));
        Span<float> block = stackalloc float[coder.Size];
        Span<int> q = stackalloc int[coder.Size];
        Span<uint> u = stackalloc uint[coder.Size];
        if (field.Dimensions == 1)
        {
            int full = destination.Length / BlockSize;
            for (int i = 0; i < full; i++)
                coder.Decode(ref reader, destination.Slice(i * BlockSize, BlockSize), q, u);
            if (destination.Length % BlockSize != 0)
            {
                coder.Decode(ref reader, block, q, u);
                block[..(destination.Length % BlockSize)].CopyTo(destination[(full * BlockSize)..]);
            }
            return;
        }
        foreach (var (x, y, z) in BlockOrigins(field))
        {
            coder.Decode(ref reader, block, q, u);
            Scatter(block, field, x, y, z, destination);
        }
    }

    // ---- one block ---------------------------------------------------------------------------------

    /// <summary>Codes blocks of 4^d values in exactly <c>maxBits</c> bits: zfp's encode_block and decode_block for float.</summary>
    private readonly struct BlockCoder(int dimensions, int maxBits)
    {
        public int Size { get; } = 1 << (2 * dimensions);

        /// <summary>Codes one block; returns whether NaN or ±Inf were replaced.</summary>
        public bool Encode(ref BitWriter writer, scoped Span<float> block, scoped Span<int> q, scoped Span<uint> u)
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
            if (dimensions == 1)
            {
                // The hot 1-D case without the general transform's index arithmetic.
                int x = FixedPoint(block[0], emax), y = FixedPoint(block[1], emax);
                int z = FixedPoint(block[2], emax), w = FixedPoint(block[3], emax);
                BlockTransform.ForwardLift(ref x, ref y, ref z, ref w);
                u[0] = BlockTransform.Negabinary(x); u[1] = BlockTransform.Negabinary(y);
                u[2] = BlockTransform.Negabinary(z); u[3] = BlockTransform.Negabinary(w);
            }
            else
            {
                for (int i = 0; i < Size; i++)
                    q[i] = FixedPoint(block[i], emax);
                ZfpTransform.Forward(q, dimensions);
                ZfpTransform.Reorder(q, u, dimensions);
            }
            int budget = maxBits - 1 - ExponentBits;
            writer.Pad(budget - EncodeBitPlanes(ref writer, u, budget));
            return nonFinite;
        }

        public void Decode(ref BitReader reader, scoped Span<float> block, scoped Span<int> q, scoped Span<uint> u)
        {
            if (reader.ReadBit() == 0)
            {
                block.Clear();
                reader.Skip(maxBits - 1);
                return;
            }
            int emax = (int)reader.Read(ExponentBits) - ExponentBias;
            int budget = maxBits - 1 - ExponentBits;
            reader.Skip(budget - DecodeBitPlanes(ref reader, u, budget));
            float scale = MathF.ScaleB(1f, emax - 30); // inv_cast: (float)q · scale, all in float32
            if (dimensions == 1)
            {
                int x = BlockTransform.InverseNegabinary(u[0]), y = BlockTransform.InverseNegabinary(u[1]);
                int z = BlockTransform.InverseNegabinary(u[2]), w = BlockTransform.InverseNegabinary(u[3]);
                BlockTransform.InverseLift(ref x, ref y, ref z, ref w);
                block[0] = x * scale; block[1] = y * scale; block[2] = z * scale; block[3] = w * scale;
                return;
            }
            ZfpTransform.InverseReorder(u, q, dimensions);
            ZfpTransform.Inverse(q, dimensions);
            for (int i = 0; i < Size; i++)
                block[i] = q[i] * scale;
        }
    }

    // emax comes from the block itself, so every value is below 2^emax and the unchecked form applies.
    private static int FixedPoint(float x, int emax) => BlockTransform.FixedPointInBlock(BitConverter.SingleToUInt32Bits(x), emax);

    /// <summary>
    /// The embedded coder (zfp's encode_few_ints, up to 64 coefficients, all 32 planes allowed):
    /// for each bit plane from the MSB, the bits of the n coefficients already significant go out
    /// verbatim; then group tests ("is there a 1 among the rest?") each followed by a unary scan up
    /// to that 1, the last coefficient's 1 being implied. Stops the moment <paramref name="budget"/>
    /// bits are spent; returns the bits written.
    /// </summary>
    private static int EncodeBitPlanes(ref BitWriter writer, scoped ReadOnlySpan<uint> u, int budget)
    {
        int size = u.Length;
        int bits = budget;
        int n = 0;
        // 1-D blocks (the hot case) read their four coefficients once.
        uint u0 = u[0], u1 = u[1], u2 = u[2], u3 = u[3];
        for (int k = IntPrecision - 1; bits > 0 && k >= 0; k--)
        {
            ulong x;
            if (size == 4)
            {
                x = ((u0 >> k) & 1) | (((u1 >> k) & 1) << 1) | (((u2 >> k) & 1) << 2) | (((u3 >> k) & 1) << 3);
            }
            else
            {
                x = 0;
                for (int i = 0; i < size; i++)
                    x |= (ulong)((u[i] >> k) & 1) << i;
            }
            int m = Math.Min(n, bits);
            bits -= m;
            writer.Write(m == 64 ? x : x & ((1UL << m) - 1), m);
            x = m == 64 ? 0 : x >> m;
            for (; bits > 0 && n < size; x >>= 1, n++)
            {
                bits--;
                if (x == 0)
                {
                    writer.WriteBit(0); // negative group test: the rest of this plane is zero
                    break;
                }
                writer.WriteBit(1);
                for (; bits > 0 && n < size - 1; x >>= 1, n++)
                {
                    bits--;
                    uint bit = (uint)x & 1;
                    writer.WriteBit(bit);
                    if (bit != 0)
                        break;
                }
            }
        }
        return budget - bits;
    }

    /// <summary>
    /// zfp's decode_ints for up to 64 coefficients. Like the library, when the budget runs out in
    /// the middle of a scan after a positive group test, the 1 is placed at the coefficient reached.
    /// </summary>
    private static int DecodeBitPlanes(ref BitReader reader, scoped Span<uint> u, int budget)
    {
        u.Clear();
        int size = u.Length;
        int bits = budget;
        int n = 0;
        uint u0 = 0, u1 = 0, u2 = 0, u3 = 0; // 1-D blocks collect their coefficients here
        for (int k = IntPrecision - 1; bits > 0 && k >= 0; k--)
        {
            int m = Math.Min(n, bits);
            bits -= m;
            ulong x = reader.ReadWide(m);
            while (n < size && bits > 0)
            {
                bits--;
                if (reader.ReadBit() == 0)
                    break; // negative group test
                while (n < size - 1 && bits > 0)
                {
                    bits--;
                    if (reader.ReadBit() != 0)
                        break;
                    n++;
                }
                x |= 1UL << n;
                n++;
            }
            if (size == 4)
            {
                u0 |= (uint)(x & 1) << k;
                u1 |= (uint)((x >> 1) & 1) << k;
                u2 |= (uint)((x >> 2) & 1) << k;
                u3 |= (uint)((x >> 3) & 1) << k;
                continue;
            }
            for (int i = 0; x != 0; i++, x >>= 1)
                u[i] |= (uint)(x & 1) << k;
        }
        if (size == 4)
        {
            u[0] = u0; u[1] = u1; u[2] = u2; u[3] = u3;
        }
        return budget - bits;
    }
}
