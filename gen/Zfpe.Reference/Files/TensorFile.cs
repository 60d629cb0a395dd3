namespace Zfpe.Reference.Files;

/// <summary>
/// Reads and writes tensors by format, chosen by the file's extension (or by a format name where
/// the output is a device, a pipe or stdout): .npy (NumPy float16/32/64, C or Fortran order),
/// .npz (NumPy archives, read only: one array chosen by name) and .f32 (raw little-endian float32).
/// Errors name the command-line option the path came from (<c>--in</c>, <c>--out</c>, ...).
/// </summary>
public static class TensorFile
{
    /// <summary>The formats a tensor output can take, as --format spells them.</summary>
    public static readonly string[] Formats = ["npy", "f32"];

    /// <summary>Reads <paramref name="path"/> (given as <paramref name="option"/>); <paramref name="array"/> picks an array of a .npz archive.</summary>
    public static Tensor Read(string path, string option = "--in", string? array = null)
    {
        bool npz = Path.GetExtension(path).Equals(".npz", StringComparison.OrdinalIgnoreCase);
        if (array is not null && !npz)
            throw new ArgumentException($"--array {array} applies to .npz archives only, and {option} {path} is not one");
        bool npy = npz || IsNpy(path, option);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{option} {path}: no such file");
        if (npz)
        {
            try
            {
                return NpzFile.Read(path, array);
            }
            catch (InvalidDataException e) when (array is null && e.Message.EndsWith("choose one by name", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{option} {e.Message} with --array NAME");
            }
        }
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
                _ => throw new ArgumentException($"--format '{format}' is unknown: allowed {string.Join(", ", Formats)}"),
            };
        }
        if (!output.NamesFile && !KnownExtension(output.Path))
            throw new ArgumentException($"{option} {output.Path} is not a file whose extension names the format: add --format npy or --format f32");
        return new TensorOutput(output, IsNpy(output.Path, option));
    }

    /// <summary>Writes <paramref name="tensor"/> to <paramref name="stream"/>: .npy in the tensor's dtype and shape, or .f32 as flat float32.</summary>
    public static void Write(Stream stream, TensorOutput output, Tensor tensor)
    {
        if (output.Npy)
            NpyFile.Write(stream, tensor);
        else
            RawF32File.Write(stream, tensor.Values);
    }

    private static bool KnownExtension(string path) => Path.GetExtension(path).ToLowerInvariant() is ".npy" or ".f32";

    private static bool IsNpy(string path, string option)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".npy" => true,
            ".f32" => false,
            _ => throw new ArgumentException($"{option} {path}: unknown extension '{extension}'; use .npy (NumPy float16/32/64{(option == "--in" ? "; or a .npz archive" : "")}) or .f32 (raw little-endian float32)"),
        };
    }
}
