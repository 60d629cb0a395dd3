using System.Buffers.Binary;
using System.Text;

namespace Zfpe.Reference.Files;

/// <summary>
/// NumPy .npy files: reads format versions 1.0, 2.0 and 3.0 holding little-endian float32 or
/// float64 in C order, any shape; writes version 1.0 (2.0 when the header needs it). Anything else
/// is rejected with an <see cref="InvalidDataException"/> that says what and at which byte.
/// </summary>
public static class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>NumPy aligns the data to this many bytes.</summary>
    private const int Alignment = 64;

    public static Tensor Read(string path)
    {
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    public static Tensor Parse(ReadOnlySpan<byte> file)
    {
        int magicLength = Math.Min(file.Length, Magic.Length);
        if (!file[..magicLength].SequenceEqual(Magic.AsSpan(0, magicLength)))
            throw new InvalidDataException($"not a .npy file: the bytes at byte offset 0 are {Hex(file[..magicLength])}, expected {Hex(Magic)} (\\x93NUMPY)");
        if (file.Length < 10)
            throw new InvalidDataException($"truncated .npy file: {file.Length} bytes end inside the preamble, which needs at least 10");

        int major = file[6], minor = file[7];
        int lengthBytes = (major, minor) switch
        {
            (1, 0) => 2,
            (2, 0) or (3, 0) => 4,
            _ => throw new InvalidDataException($"unsupported .npy format version {major}.{minor} at byte offset 6: this reader handles 1.0, 2.0 and 3.0"),
        };
        int headerStart = 8 + lengthBytes;
        if (file.Length < headerStart)
            throw new InvalidDataException($"truncated .npy file: {file.Length} bytes end inside the header length field at byte offset 8");
        long headerLength = lengthBytes == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(file[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(file[8..]);
        long dataStart = headerStart + headerLength;
        if (dataStart > file.Length)
            throw new InvalidDataException($"truncated .npy file: the header length at byte offset 8 says the header ends at byte {dataStart}, but the file has {file.Length} bytes");

        var headerBytes = file[headerStart..(int)dataStart];
        string header = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        var dict = NpyHeaderParser.ParseDictionary(header, headerStart);
        var (dtype, itemSize) = ReadDescr(dict, headerStart);
        ReadFortranOrder(dict, headerStart);
        var shape = ReadShape(dict, headerStart);

        long count = 1;
        foreach (long d in shape)
        {
            count *= d;
            if (count > Array.MaxLength)
                throw new InvalidDataException($"shape ({Tensor.ShapeText(shape)}) in the header at byte offset {headerStart} holds more than {Array.MaxLength} values, more than this tool can load at once");
        }
        long dataLength = count * itemSize;
        long available = file.Length - dataStart;
        string what = $"shape ({Tensor.ShapeText(shape)}) of {(itemSize == 4 ? "float32" : "float64")} needs {dataLength} bytes of data from byte offset {dataStart}";
        if (available < dataLength)
            throw new InvalidDataException($"truncated .npy data: {what}, but the file ends at byte offset {file.Length} ({available} bytes of data)");
        if (available > dataLength)
            throw new InvalidDataException($"{available - dataLength} unexpected bytes after the array data at byte offset {dataStart + dataLength}: {what}; the file is corrupt or not a single array");

        var values = new float[count];
        var data = file.Slice((int)dataStart, (int)dataLength);
        if (itemSize == 4)
        {
            for (int i = 0; i < values.Length; i++)
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]);
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
                values[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(data[(8 * i)..]);
        }
        return new Tensor(values, shape, dtype);
    }

    /// <summary>Writes <paramref name="tensor"/> in its own dtype (float64 widens the float32 values exactly).</summary>
    public static void Write(string path, Tensor tensor) =>
        OutputFile.Write(path, stream => Write(stream, tensor));

    public static void Write(Stream stream, Tensor tensor)
    {
        string descr = tensor.DType == TensorDType.Float64 ? "<f8" : "<f4";
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

        int itemSize = tensor.DType == TensorDType.Float64 ? 8 : 4;
        var buffer = new byte[itemSize * 8192];
        var values = tensor.Values;
        for (int start = 0; start < values.Length; start += 8192)
        {
            int n = Math.Min(8192, values.Length - start);
            for (int i = 0; i < n; i++)
            {
                if (itemSize == 4)
                    BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(4 * i), values[start + i]);
                else
                    BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(8 * i), values[start + i]);
            }
            stream.Write(buffer, 0, n * itemSize);
        }
    }

    private static int Align(int length) => (length + Alignment - 1) / Alignment * Alignment;

    private static (TensorDType DType, int ItemSize) ReadDescr(Dictionary<string, object> dict, long at)
    {
        if (!dict.TryGetValue("descr", out var descr))
            throw new InvalidDataException($"the .npy header at byte offset {at} has no 'descr' (dtype) entry");
        if (descr is not string d)
            throw new InvalidDataException($"structured dtype in the .npy header at byte offset {at} is not supported: save a plain float32 array");
        return d switch
        {
            "<f4" => (TensorDType.Float32, 4),
            "<f8" => (TensorDType.Float64, 8),
            ">f4" or ">f8" => throw new InvalidDataException($"big-endian dtype '{d}' in the .npy header at byte offset {at} is not supported: save arr.astype('<{d[1..]}')"),
            _ => throw new InvalidDataException($"dtype '{d}' in the .npy header at byte offset {at} is not supported: only float32 ('<f4') and float64 ('<f8'); save arr.astype(np.float32)"),
        };
    }

    private static void ReadFortranOrder(Dictionary<string, object> dict, long at)
    {
        if (!dict.TryGetValue("fortran_order", out var order) || order is not bool fortran)
            throw new InvalidDataException($"the .npy header at byte offset {at} has no boolean 'fortran_order' entry");
        if (fortran)
            throw new InvalidDataException($"Fortran-order array (fortran_order: True in the header at byte offset {at}) is not supported: save np.ascontiguousarray(arr)");
    }

    private static long[] ReadShape(Dictionary<string, object> dict, long at)
    {
        if (!dict.TryGetValue("shape", out var shape) || shape is not List<object> items)
            throw new InvalidDataException($"the .npy header at byte offset {at} has no 'shape' tuple");
        var result = new long[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is not long d || d < 0)
                throw new InvalidDataException($"dimension {i} of the shape in the .npy header at byte offset {at} is '{items[i]}', not a non-negative integer");
            result[i] = d;
        }
        return result;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? "(none)" : string.Join(' ', bytes.ToArray().Select(b => b.ToString("x2")));
}
