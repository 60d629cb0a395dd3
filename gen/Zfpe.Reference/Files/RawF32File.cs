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

    public static void Write(string path, ReadOnlySpan<float> values)
    {
        var bytes = new byte[checked(values.Length * 4)];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        AtomicFile.Write(path, s => s.Write(bytes));
    }
}
