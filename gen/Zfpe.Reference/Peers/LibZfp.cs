using System.Runtime.InteropServices;
using Zfpe.Reference.Codecs;

namespace Zfpe.Reference.Peers;

/// <summary>
/// A P/Invoke binding of LLNL zfp (libzfp.so.1, Debian's libzfp1 1.0.0): fixed-rate compression
/// and decompression of 1-D, 2-D and 3-D float32 arrays, serial execution, exactly as the
/// <c>zfp</c> command does it. The tests and the codec benchmark use it as the peer the C# ZFP
/// must match.
/// </summary>
public static class LibZfp
{
    public const string LibraryName = "libzfp.so.1";

    /// <summary>The message every entry point throws when the library cannot be loaded.</summary>
    public const string MissingMessage = "libzfp.so.1 not found: apt-get install libzfp-dev";

    private const int ZfpTypeFloat = 3;

    private static readonly Lazy<IntPtr> Handle = new(() =>
        NativeLibrary.TryLoad(LibraryName, typeof(LibZfp).Assembly, null, out var handle) ? handle : IntPtr.Zero);

    public static bool IsAvailable => Handle.Value != IntPtr.Zero;

    /// <summary>Throws a <see cref="DllNotFoundException"/> saying how to install the library when it is absent.</summary>
    public static void EnsureAvailable()
    {
        if (!IsAvailable)
            throw new DllNotFoundException(MissingMessage);
    }

    /// <summary>The library's version string, e.g. "zfp version 1.0.0 (August 1, 2022)".</summary>
    public static string Version
    {
        get
        {
            EnsureAvailable();
            IntPtr text = Marshal.ReadIntPtr(NativeLibrary.GetExport(Handle.Value, "zfp_version_string"));
            return Marshal.PtrToStringAnsi(text) ?? "";
        }
    }

    /// <summary>The bit-stream word size the library was built with (8 on Debian; the stream is padded to it).</summary>
    public static int StreamWordBits
    {
        get
        {
            EnsureAvailable();
            return (int)Marshal.ReadIntPtr(NativeLibrary.GetExport(Handle.Value, "stream_word_bits"));
        }
    }

    /// <summary>The rate zfp_stream_set_rate settles on for a requested rate (float32 in <paramref name="dimensions"/> dimensions, not word-aligned).</summary>
    public static double ActualRate(double rate, int dimensions = 1)
    {
        EnsureAvailable();
        IntPtr zfp = zfp_stream_open(IntPtr.Zero);
        try
        {
            return zfp_stream_set_rate(zfp, rate, ZfpTypeFloat, (uint)dimensions, 0);
        }
        finally
        {
            zfp_stream_close(zfp);
        }
    }

    /// <summary>Compresses a copy of <paramref name="values"/> (see the array overload).</summary>
    public static byte[] Compress(ReadOnlySpan<float> values, double rate)
    {
        return Compress(values.ToArray(), rate);
    }

    /// <summary>
    /// <c>zfp_compress</c> of <paramref name="values"/> as a 1-D float32 field at <paramref name="rate"/>
    /// bits per value; returns the stream (no header), byte for byte what <c>zfp -f -1 N -r R -z</c> writes.
    /// </summary>
    public static byte[] Compress(float[] values, double rate) => Compress(values, ZfpField.OneD(values?.Length ?? 0), rate);

    /// <summary><c>zfp_compress</c> of <paramref name="values"/> (C order, x fastest) as <paramref name="field"/>.</summary>
    public static byte[] Compress(float[] values, ZfpField field, double rate)
    {
        var output = CompressCore(values, field, rate, null, out int length);
        return output.Length == length ? output : output[..length];
    }

    /// <summary>
    /// As <see cref="Compress(float[], double)"/>, writing into <paramref name="buffer"/> (at least
    /// <see cref="MaximumBytes"/> long) so that a benchmark measures zfp, not the allocator; returns
    /// the compressed length.
    /// </summary>
    public static int Compress(float[] values, double rate, byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var output = CompressCore(values, ZfpField.OneD(values?.Length ?? 0), rate, buffer, out int length);
        if (!ReferenceEquals(output, buffer))
            throw new ArgumentException($"the buffer holds {buffer.Length} bytes, less than zfp's bound of {output.Length}: size it with MaximumBytes");
        return length;
    }

    /// <summary>zfp_stream_maximum_size: the buffer zfp_compress needs for <paramref name="valueCount"/> values.</summary>
    public static long MaximumBytes(long valueCount, double rate)
    {
        EnsureAvailable();
        RequireRate(rate);
        IntPtr field = zfp_field_1d(IntPtr.Zero, ZfpTypeFloat, (nuint)valueCount);
        IntPtr zfp = zfp_stream_open(IntPtr.Zero);
        try
        {
            zfp_stream_set_rate(zfp, rate, ZfpTypeFloat, 1, 0);
            return (long)zfp_stream_maximum_size(zfp, field);
        }
        finally
        {
            zfp_stream_close(zfp);
            zfp_field_free(field);
        }
    }

    private static byte[] CompressCore(float[] values, ZfpField field, double rate, byte[]? buffer, out int length)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(field);
        EnsureAvailable();
        RequireRate(rate);
        if (values.Length != field.Count)
            throw new ArgumentException($"the field {field} holds {field.Count} values but {values.Length} were given");
        length = 0;
        if (values.Length == 0)
            return [];
        var data = GCHandle.Alloc(values, GCHandleType.Pinned);
        IntPtr zfpField = IntPtr.Zero, zfp = IntPtr.Zero, bits = IntPtr.Zero;
        GCHandle output = default;
        try
        {
            zfpField = Field(data.AddrOfPinnedObject(), field);
            zfp = zfp_stream_open(IntPtr.Zero);
            zfp_stream_set_rate(zfp, rate, ZfpTypeFloat, (uint)field.Dimensions, 0);
            long capacity = (long)zfp_stream_maximum_size(zfp, zfpField);
            if (buffer is null || buffer.Length < capacity)
                buffer = new byte[capacity];
            output = GCHandle.Alloc(buffer, GCHandleType.Pinned);
            bits = stream_open(output.AddrOfPinnedObject(), (nuint)buffer.Length);
            zfp_stream_set_bit_stream(zfp, bits);
            zfp_stream_rewind(zfp);
            length = (int)zfp_compress(zfp, zfpField);
            if (length == 0)
                throw new InvalidOperationException($"zfp_compress failed on {values.Length} values at rate {rate}");
            return buffer;
        }
        finally
        {
            if (bits != IntPtr.Zero) stream_close(bits);
            if (zfp != IntPtr.Zero) zfp_stream_close(zfp);
            if (zfpField != IntPtr.Zero) zfp_field_free(zfpField);
            if (output.IsAllocated) output.Free();
            data.Free();
        }
    }

    /// <summary><c>zfp_decompress</c> of <paramref name="valueCount"/> values from a stream written at <paramref name="rate"/>.</summary>
    public static float[] Decompress(ReadOnlySpan<byte> stream, long valueCount, double rate)
    {
        if (valueCount < 0 || valueCount > Array.MaxLength)
            throw new ArgumentException($"value count = {valueCount} is out of range: allowed 0..{Array.MaxLength}");
        return Decompress(stream, ZfpField.OneD(valueCount), rate);
    }

    /// <summary><c>zfp_decompress</c> of <paramref name="field"/> from a stream written at <paramref name="rate"/>.</summary>
    public static float[] Decompress(ReadOnlySpan<byte> stream, ZfpField field, double rate)
    {
        ArgumentNullException.ThrowIfNull(field);
        var values = new float[field.Count];
        // Slack after the stream: the library may fetch a whole word beyond the last bit it needs.
        var copy = new byte[stream.Length + 16];
        stream.CopyTo(copy);
        Decompress(copy, field, values, rate);
        return values;
    }

    /// <summary>
    /// Decompresses <c>destination.Length</c> values in place from <paramref name="stream"/>, which must
    /// hold the whole stream (plus a word of slack when it is not a multiple of the word size).
    /// </summary>
    public static void Decompress(byte[] stream, float[] destination, double rate) =>
        Decompress(stream, ZfpField.OneD(destination?.Length ?? 0), destination!, rate);

    private static void Decompress(byte[] stream, ZfpField field, float[] destination, double rate)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(destination);
        EnsureAvailable();
        RequireRate(rate);
        if (destination.Length == 0)
            return;
        var input = GCHandle.Alloc(stream, GCHandleType.Pinned);
        var output = GCHandle.Alloc(destination, GCHandleType.Pinned);
        IntPtr zfpField = IntPtr.Zero, zfp = IntPtr.Zero, bits = IntPtr.Zero;
        try
        {
            zfpField = Field(output.AddrOfPinnedObject(), field);
            zfp = zfp_stream_open(IntPtr.Zero);
            zfp_stream_set_rate(zfp, rate, ZfpTypeFloat, (uint)field.Dimensions, 0);
            bits = stream_open(input.AddrOfPinnedObject(), (nuint)stream.Length);
            zfp_stream_set_bit_stream(zfp, bits);
            zfp_stream_rewind(zfp);
            if (zfp_decompress(zfp, zfpField) == 0)
                throw new InvalidDataException($"zfp_decompress failed on {destination.Length} values at rate {rate}");
        }
        finally
        {
            if (bits != IntPtr.Zero) stream_close(bits);
            if (zfp != IntPtr.Zero) zfp_stream_close(zfp);
            if (zfpField != IntPtr.Zero) zfp_field_free(zfpField);
            output.Free();
            input.Free();
        }
    }

    private static IntPtr Field(IntPtr data, ZfpField field) => field.Dimensions switch
    {
        1 => zfp_field_1d(data, ZfpTypeFloat, (nuint)field.Nx),
        2 => zfp_field_2d(data, ZfpTypeFloat, (nuint)field.Nx, (nuint)field.Ny),
        _ => zfp_field_3d(data, ZfpTypeFloat, (nuint)field.Nx, (nuint)field.Ny, (nuint)field.Nz),
    };

    private static void RequireRate(double rate)
    {
        if (!(rate >= 1 && rate <= 32))
            throw new ArgumentException($"rate = {rate} is out of range: allowed 1..32 bits per value");
    }

    // ---- the C API (zfp.h, bitstream.h of zfp 1.0.0) ---------------------------------------------

    [DllImport(LibraryName)] private static extern IntPtr zfp_stream_open(IntPtr bitstream);
    [DllImport(LibraryName)] private static extern void zfp_stream_close(IntPtr zfp);
    [DllImport(LibraryName)] private static extern double zfp_stream_set_rate(IntPtr zfp, double rate, int type, uint dims, int align);
    [DllImport(LibraryName)] private static extern nuint zfp_stream_maximum_size(IntPtr zfp, IntPtr field);
    [DllImport(LibraryName)] private static extern void zfp_stream_set_bit_stream(IntPtr zfp, IntPtr bitstream);
    [DllImport(LibraryName)] private static extern void zfp_stream_rewind(IntPtr zfp);
    [DllImport(LibraryName)] private static extern IntPtr zfp_field_1d(IntPtr pointer, int type, nuint nx);
    [DllImport(LibraryName)] private static extern IntPtr zfp_field_2d(IntPtr pointer, int type, nuint nx, nuint ny);
    [DllImport(LibraryName)] private static extern IntPtr zfp_field_3d(IntPtr pointer, int type, nuint nx, nuint ny, nuint nz);
    [DllImport(LibraryName)] private static extern void zfp_field_free(IntPtr field);
    [DllImport(LibraryName)] private static extern nuint zfp_compress(IntPtr zfp, IntPtr field);
    [DllImport(LibraryName)] private static extern nuint zfp_decompress(IntPtr zfp, IntPtr field);
    [DllImport(LibraryName)] private static extern IntPtr stream_open(IntPtr buffer, nuint bytes);
    [DllImport(LibraryName)] private static extern void stream_close(IntPtr bitstream);
}
