using System.CommandLine;
using Zfpe.Reference.Files;

namespace Zfpe.Cli.Commands;

/// <summary>
/// The tensor options of the commands that read or write tensors; the formats themselves are
/// <see cref="TensorFile"/>'s.
/// </summary>
public static class TensorIo
{
    /// <summary>What --in accepts, for the help of every command that reads a tensor.</summary>
    public const string InputDescription =
        "input tensor: .npy (NumPy float16/float32/float64, C or Fortran order), .npz (with --array NAME) or .f32 (raw little-endian float32)";

    /// <summary>The --array option of the commands that read a tensor.</summary>
    public static Option<string?> ArrayOption() => new("--array")
    {
        Description = "with a .npz input: the name of the array to use (np.savez(file, name=array)); needed when the archive holds several",
    };

    /// <summary>Writes the tensor through <see cref="CommandOutput"/> (with its note on stderr when the output is not a plain file).</summary>
    public static void Write(TensorOutput output, Tensor tensor) =>
        CommandOutput.Write(output.File, stream => TensorFile.Write(stream, output, tensor));
}
