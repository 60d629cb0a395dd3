using System.Buffers.Binary;
using System.Text;

namespace Zfpe.Reference.Files;

/// <summary>
/// NumPy .npy files. Reads format versions 1.0, 2.0 and 3.0 holding float16, float32 or float64
/// of either byte order, in C or Fortran order (Fortran arrays are reordered to C order), any
/// shape up to NumPy's 64 dimensions; the data is read straight into the float32 array, never
/// held twice. Writes version 1.0 (2.0 when the header needs it), little-endian, C order, in the
/// tensor's dtype. Anything else, and every hostile header (too long, nested too deep, a shape
/// whose element count overflows), is rejected with an <see cref="InvalidDataException"/> that
/// names the field and its byte offset.
/// </summary>
public static class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>NumPy aligns the data to this many bytes.</summary>
    private const int Alignment = 64;

    /// <summary>
    /// The longest header read. NumPy writes about 128 bytes and by default refuses to read more
    /// than 10,000; this bound keeps a hostile length field from making the reader allocate gigabytes.
    /// </summary>
    public const int MaxHeaderBytes = 65536;

    /// <summary>NumPy's limit on the number of dimensions (NPY_MAXDIMS).</summary>
    public const int MaxRank = 64;

    /// <summary>The largest finite float16, which finite values beyond it are saturated to when written as float16.</summary>
    private const float HalfMax = 65504f;

    public static Tensor Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Read(stream, stream.Length);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    public static Tensor Parse(ReadOnlySpan<byte> file)
    {
        using var stream = new MemoryStream(file.ToArray(), writable: false);
        return Read(stream, file.Length);
    }

    /// <summary>Reads a .npy file of <paramref name="length"/> bytes from <paramref name="stream"/> (a file, or an entry of a .npz archive).</summary>
    public static Tensor Read(Stream stream, long length)
    {
        var preamble = new byte[12];
        int got = ReadUpTo(stream, preamble.AsSpan(0, (int)Math.Min(10, length)));
        int magicLength = Math.Min(got, Magic.Length);
        if (!preamble.AsSpan(0, magicLength).SequenceEqual(Magic.AsSpan(0, magicLength)))
            throw new InvalidDataException($"not a .npy file: the bytes at byte offset 0 are {Hex(preamble.AsSpan(0, magicLength))}, expected {Hex(Magic)} (\\x93NUMPY)");
        if (got < 10)
            throw new InvalidDataException($"truncated .npy file: {got} bytes end inside the preamble, which needs at least 10");

        int major = preamble[6], minor = preamble[7];
        int lengthBytes = (major, minor) switch
        {
            (1, 0) => 2,
            (2, 0) or (3, 0) => 4,
            _ => throw new InvalidDataException($"unsupported .npy format version {major}.{minor} at byte offset 6: this reader handles 1.0, 2.0 and 3.0"),
        };
        int headerStart = 8 + lengthBytes;
        if (lengthBytes == 4 && ReadUpTo(stream, preamble.AsSpan(10, 2)) < 2)
            throw new InvalidDataException($"truncated .npy file: {length} bytes end inside the header length field at byte offset 8");
        long headerLength = lengthBytes == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(preamble.AsSpan(8)) : BinaryPrimitives.ReadUInt32LittleEndian(preamble.AsSpan(8));
        if (headerLength > MaxHeaderBytes)
            throw new InvalidDataException($"the header length {headerLength} at byte offset 8 is more than the {MaxHeaderBytes} bytes this reader accepts (NumPy writes about 128)");
        long dataStart = headerStart + headerLength;
        if (dataStart > length)
            throw new InvalidDataException($"truncated .npy file: the header length at byte offset 8 says the header ends at byte {dataStart}, but the file has {length} bytes");

        var headerBytes = new byte[headerLength];
        if (ReadUpTo(stream, headerBytes) < headerLength)
            throw new InvalidDataException($"truncated .npy file: the stream ends inside the header, before byte {dataStart}");
        var dict = NpyHeaderParser.ParseDictionary(headerBytes, headerStart, utf8: major == 3);
        var format = ReadDescr(dict, headerStart);
        bool fortran = ReadFortranOrder(dict, headerStart);
        var shape = ReadShape(dict, headerStart, out long shapeOffset);

        long count = ElementCount(shape, format.ItemSize, shapeOffset);
        long dataLength = count * format.ItemSize;
        long available = length - dataStart;
        string what = $"shape ({Tensor.ShapeText(shape)}) of {format.Name} needs {dataLength} bytes of data from byte offset {dataStart}";
        if (available < dataLength)
            throw new InvalidDataException($"truncated .npy data: {what}, but the file ends at byte offset {length} ({available} bytes of data)");
        if (available > dataLength)
            throw new InvalidDataException($"{available - dataLength} unexpected bytes after the array data at byte offset {dataStart + dataLength}: {what}; the file is corrupt or not a single array");

        var values = new float[count];
        var overflow = ReadData(stream, values, format, fortran ? shape : null, dataStart);
        if (stream.ReadByte() >= 0)
            throw new InvalidDataException($"unexpected bytes after the array data at byte offset {dataStart + dataLength}: the stream is longer than its stated length");
        return new Tensor(values, shape, format.DType) { Float32Overflows = overflow.Count, FirstFloat32Overflow = overflow.First };
    }

    /// <summary>Writes <paramref name="tensor"/> in its own dtype (float64 widens the float32 values exactly; float16 rounds to nearest even, saturating finite values at ±65504).</summary>
    public static void Write(string path, Tensor tensor) =>
        OutputFile.Write(path, stream => Write(stream, tensor));

    public static void Write(Stream stream, Tensor tensor)
    {
        int itemSize = tensor.DType switch { TensorDType.Float64 => 8, TensorDType.Float16 => 2, _ => 4 };
        string descr = "<f" + itemSize;
        string shape = tensor.Shape.Length == 1 ? $"({tensor.Shape[0]},)" : $"({string.Join(", ", tensor.Shape)})";
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        int prefix = 10;
        int total = Align(prefix + dict.Length + 1);
        int major = 1;
        if (total - prefix > ushort.MaxValue)
        {
            prefix = 12;
            total = Align(prefix + dict.Length + 1);
            major = 2;
        }
        var head = new byte[total];
        Magic.CopyTo(head, 0);
        head[6] = (byte)major;
        head[7] = 0;
        if (major == 1)
            BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(8), (ushort)(total - prefix));
        else
            BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(8), (uint)(total - prefix));
        Encoding.Latin1.GetBytes(dict, head.AsSpan(prefix));
        head.AsSpan(prefix + dict.Length, total - prefix - dict.Length - 1).Fill((byte)' ');
        head[^1] = (byte)'\n';
        stream.Write(head);

        var buffer = new byte[itemSize * 8192];
        var values = tensor.Values;
        for (int start = 0; start < values.Length; start += 8192)
        {
            int n = Math.Min(8192, values.Length - start);
            for (int i = 0; i < n; i++)
            {
                float x = values[start + i];
                switch (itemSize)
                {
                    case 4:
                        BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(4 * i), x);
                        break;
                    case 8:
                        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(8 * i), x);
                        break;
                    default:
                        BinaryPrimitives.WriteHalfLittleEndian(buffer.AsSpan(2 * i), (Half)(float.IsFinite(x) ? Math.Clamp(x, -HalfMax, HalfMax) : x));
                        break;
                }
            }
            stream.Write(buffer, 0, n * itemSize);
        }
    }

    /// <summary>An element type as the header spells it: float16/32/64 in either byte order.</summary>
    private sealed record ElementFormat(TensorDType DType, int ItemSize, bool BigEndian, string Name);

    /// <summary>The element count, with the overflow checks NumPy makes: the product of the non-zero dimensions, times the item size, fits in 64 bits.</summary>
    private static long ElementCount(long[] shape, int itemSize, long shapeOffset)
    {
        long nonZero = itemSize;
        bool empty = false;
        foreach (long d in shape)
        {
            if (d == 0)
            {
                empty = true;
                continue;
            }
            if (nonZero > long.MaxValue / d)
                throw new InvalidDataException($"the shape ({Tensor.ShapeText(shape)}) at byte offset {shapeOffset} describes more than 2^63 bytes of data: its element count overflows 64-bit arithmetic");
            nonZero *= d;
        }
        long count = empty ? 0 : nonZero / itemSize;
        if (count > Array.MaxLength)
            throw new InvalidDataException($"the shape ({Tensor.ShapeText(shape)}) at byte offset {shapeOffset} holds {count} values, more than this tool can load at once ({Array.MaxLength})");
        return count;
    }

    /// <summary>
    /// Reads the data into <paramref name="values"/> in C order, converting to float32; with a
    /// Fortran-order <paramref name="fortranShape"/> the first index varies fastest on disk.
    /// Returns how many finite float64 values overflowed float32, and the first one's index.
    /// </summary>
    private static (long Count, long First) ReadData(Stream stream, float[] values, ElementFormat format, long[]? fortranShape, long dataStart)
    {
        int itemSize = format.ItemSize;
        var chunk = new byte[itemSize * 8192];
        var order = fortranShape is { Length: > 1 } ? new FortranOrder(fortranShape) : null;
        long overflows = 0, first = -1;
        for (long done = 0; done < values.Length;)
        {
            int n = (int)Math.Min(8192, values.Length - done);
            if (ReadUpTo(stream, chunk.AsSpan(0, n * itemSize)) < n * itemSize)
                throw new InvalidDataException($"truncated .npy data: the stream ends inside the data, before byte {dataStart + (done + n) * itemSize}");
            for (int i = 0; i < n; i++)
            {
                var bytes = chunk.AsSpan(i * itemSize, itemSize);
                float x;
                switch (itemSize)
                {
                    case 2:
                        x = (float)(format.BigEndian ? BinaryPrimitives.ReadHalfBigEndian(bytes) : BinaryPrimitives.ReadHalfLittleEndian(bytes));
                        break;
                    case 4:
                        x = format.BigEndian ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes);
                        break;
                    default:
                        double d = format.BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes);
                        x = (float)d;
                        if (float.IsInfinity(x) && double.IsFinite(d))
                        {
                            overflows++;
                            if (first < 0)
                                first = order?.Index ?? done + i;
                        }
                        break;
                }
                if (order is null)
                    values[done + i] = x;
                else
                {
                    values[order.Index] = x;
                    order.Advance();
                }
            }
            done += n;
        }
        return (overflows, first);
    }

    /// <summary>Walks a shape in Fortran order (first index fastest), giving each element's C-order index.</summary>
    private sealed class FortranOrder
    {
        private readonly long[] _shape;
        private readonly long[] _strides;
        private readonly long[] _index;

        public FortranOrder(long[] shape)
        {
            _shape = shape;
            _strides = new long[shape.Length];
            _index = new long[shape.Length];
            long stride = 1;
            for (int k = shape.Length - 1; k >= 0; k--)
            {
                _strides[k] = stride;
                stride *= shape[k];
            }
        }

        public long Index { get; private set; }

        public void Advance()
        {
            for (int k = 0; k < _shape.Length; k++)
            {
                Index += _strides[k];
                if (++_index[k] < _shape[k])
                    return;
                Index -= _strides[k] * _shape[k];
                _index[k] = 0;
            }
        }
    }

    private static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0)
                break;
            total += n;
        }
        return total;
    }

    private static int Align(int length) => (length + Alignment - 1) / Alignment * Alignment;

    private static ElementFormat ReadDescr(Dictionary<string, NpyHeaderValue> dict, long at)
    {
        if (!dict.TryGetValue("descr", out var descr))
            throw new InvalidDataException($"the .npy header at byte offset {at} has no 'descr' (dtype) entry");
        if (descr.Value is not string d)
            throw new InvalidDataException($"'descr' at byte offset {descr.Offset} is a structured dtype, which is not supported: save a plain float array");
        return d switch
        {
            "<f2" => new(TensorDType.Float16, 2, false, "float16"),
            "<f4" => new(TensorDType.Float32, 4, false, "float32"),
            "<f8" => new(TensorDType.Float64, 8, false, "float64"),
            ">f2" => new(TensorDType.Float16, 2, true, "big-endian float16"),
            ">f4" => new(TensorDType.Float32, 4, true, "big-endian float32"),
            ">f8" => new(TensorDType.Float64, 8, true, "big-endian float64"),
            _ => throw new InvalidDataException($"'descr' (dtype) '{d}' at byte offset {descr.Offset} is not supported: only float16, float32 and float64 ('<f2', '<f4', '<f8' or big-endian); save arr.astype(np.float32)"),
        };
    }

    private static bool ReadFortranOrder(Dictionary<string, NpyHeaderValue> dict, long at)
    {
        if (!dict.TryGetValue("fortran_order", out var order))
            throw new InvalidDataException($"the .npy header at byte offset {at} has no 'fortran_order' entry");
        return order.Value as bool? ?? throw new InvalidDataException($"'fortran_order' at byte offset {order.Offset} is not True or False");
    }

    private static long[] ReadShape(Dictionary<string, NpyHeaderValue> dict, long at, out long offset)
    {
        if (!dict.TryGetValue("shape", out var shape))
            throw new InvalidDataException($"the .npy header at byte offset {at} has no 'shape' tuple");
        offset = shape.Offset;
        if (shape.Value is not List<NpyHeaderValue> items)
            throw new InvalidDataException($"'shape' at byte offset {shape.Offset} is not a tuple of dimensions");
        if (items.Count > MaxRank)
            throw new InvalidDataException($"'shape' at byte offset {shape.Offset} has {items.Count} dimensions, more than NumPy's {MaxRank}");
        var result = new long[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i].Value is not long d || d < 0)
                throw new InvalidDataException($"'shape' dimension {i} at byte offset {items[i].Offset} is '{items[i].Value}', not a non-negative integer");
            result[i] = d;
        }
        return result;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? "(none)" : string.Join(' ', bytes.ToArray().Select(b => b.ToString("x2")));
}
