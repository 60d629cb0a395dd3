using Zfpe.Reference.Files;

namespace Zfpe.Cli.Commands;

/// <summary>Reads and writes tensors by file extension: .npy (NumPy) or .f32 (raw little-endian float32).</summary>
public static class TensorIo
{
    public static Tensor Read(string path, string option = "--in")
    {
        bool npy = IsNpy(path, option);
        if (!File.Exists(path))
            throw new CliException($"{option} {path}: no such file");
        return npy ? NpyFile.Read(path) : RawF32File.Read(path);
    }

    /// <summary>Writes .npy in the tensor's dtype and shape, or .f32 as flat float32.</summary>
    public static void Write(string path, Tensor tensor, string option = "--out")
    {
        if (IsNpy(path, option))
            NpyFile.Write(path, tensor);
        else
            RawF32File.Write(path, tensor.Values);
    }

    /// <summary>Throws unless the extension is one this tool reads and writes.</summary>
    public static void CheckExtension(string path, string option) => IsNpy(path, option);

    private static bool IsNpy(string path, string option)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".npy" => true,
            ".f32" => false,
            _ => throw new CliException($"{option} {path}: unknown extension '{extension}'; use .npy (NumPy float32/float64) or .f32 (raw little-endian float32)"),
        };
    }
}
