using System.Buffers.Binary;

namespace Zfpe.Reference.Files;

/// <summary>Raw .f32 files: little-endian float32 values back to back, no header; the shape is the value count.</summary>
public static class RawF32File
{
    /// <summary>Reads the file straight into the float32 array, a chunk at a time (never holding its bytes twice).</summary>
    public static Tensor Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            long length = stream.Length;
            CheckLength(length);
            var values = new float[length / 4];
            var chunk = new byte[4 * 8192];
            for (int done = 0; done < values.Length;)
            {
                int n = Math.Min(8192, values.Length - done);
                stream.ReadExactly(chunk, 0, 4 * n);
                for (int i = 0; i < n; i++)
                    values[done + i] = BinaryPrimitives.ReadSingleLittleEndian(chunk.AsSpan(4 * i));
                done += n;
            }
            return new Tensor(values, [values.Length]);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    public static Tensor Parse(ReadOnlySpan<byte> file)
    {
        CheckLength(file.Length);
        var values = new float[file.Length / 4];
        for (int i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(file[(4 * i)..]);
        return new Tensor(values, [values.Length]);
    }

    private static void CheckLength(long length)
    {
        if (length % 4 != 0)
            throw new InvalidDataException(
                $"a raw .f32 file holds 4-byte float32 values, but this one has {length} bytes: the last {length % 4} bytes at byte offset {length - length % 4} are a partial value (truncated file?)");
        if (length / 4 > Array.MaxLength)
            throw new InvalidDataException($"a raw .f32 file of {length} bytes holds {length / 4} values, more than this tool can load at once ({Array.MaxLength})");
    }

    public static void Write(string path, float[] values) => OutputFile.Write(path, s => Write(s, values));

    /// <summary>Writes <paramref name="values"/> to <paramref name="stream"/> in chunks (no copy of the whole array).</summary>
    public static void Write(Stream stream, ReadOnlySpan<float> values)
    {
        var buffer = new byte[4 * 8192];
        for (int start = 0; start < values.Length; start += 8192)
        {
            int n = Math.Min(8192, values.Length - start);
            for (int i = 0; i < n; i++)
                BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(4 * i), values[start + i]);
            stream.Write(buffer, 0, 4 * n);
        }
    }
}
