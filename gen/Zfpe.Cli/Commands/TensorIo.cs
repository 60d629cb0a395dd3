using Zfpe.Reference.Files;

namespace Zfpe.Cli.Commands;

/// <summary>
/// Reads and writes tensors by format: .npy (NumPy) or .f32 (raw little-endian float32), chosen by
/// the file's extension, or by --format where the output is a device, a pipe or stdout.
/// </summary>
public static class TensorIo
{
    /// <summary>The formats a tensor output can take, as --format spells them.</summary>
    public static readonly string[] Formats = ["npy", "f32"];

    public static Tensor Read(string path, string option = "--in")
    {
        bool npy = IsNpy(path, option);
        if (!File.Exists(path))
            throw new CliException($"{option} {path}: no such file");
        return npy ? NpyFile.Read(path) : RawF32File.Read(path);
    }

    /// <summary>
    /// The format written to <paramref name="output"/>: <paramref name="format"/> when given, else
    /// the extension; a device, pipe or descriptor whose name says nothing needs --format.
    /// </summary>
    public static TensorOutput Output(OutputFile output, string option, string? format = null)
    {
        if (format is not null)
        {
            return format.ToLowerInvariant() switch
            {
                "npy" => new TensorOutput(output, true),
                "f32" => new TensorOutput(output, false),
                _ => throw new CliException($"--format '{format}' is unknown: allowed {string.Join(", ", Formats)}"),
            };
        }
        if (!output.NamesFile && !KnownExtension(output.Path))
            throw new CliException($"{option} {output.Path} is not a file whose extension names the format: add --format npy or --format f32");
        return new TensorOutput(output, IsNpy(output.Path, option));
    }

    /// <summary>Writes .npy in the tensor's dtype and shape, or .f32 as flat float32.</summary>
    public static void Write(TensorOutput output, Tensor tensor)
    {
        if (output.Npy)
            CommandOutput.Write(output.File, stream => NpyFile.Write(stream, tensor));
        else
            CommandOutput.Write(output.File, stream => RawF32File.Write(stream, tensor.Values));
    }

    private static bool KnownExtension(string path) => Path.GetExtension(path).ToLowerInvariant() is ".npy" or ".f32";

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
