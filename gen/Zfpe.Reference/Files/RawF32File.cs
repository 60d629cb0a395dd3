using System.Buffers.Binary;

namespace Zfpe.Reference.Files;

/// <summary>Raw .f32 files: little-endian float32 values back to back, no header; the shape is the value count.</summary>
public static class RawF32File
{
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
        if (file.Length % 4 != 0)
            throw new InvalidDataException(
                $"a raw .f32 file holds 4-byte float32 values, but this one has {file.Length} bytes: the last {file.Length % 4} bytes at byte offset {file.Length - file.Length % 4} are a partial value (truncated file?)");
        var values = new float[file.Length / 4];
        for (int i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(file[(4 * i)..]);
        return new Tensor(values, [values.Length]);
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
