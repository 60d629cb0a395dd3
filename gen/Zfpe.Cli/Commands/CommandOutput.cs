using Zfpe.Reference.Files;

namespace Zfpe.Cli.Commands;

/// <summary>
/// How a command opens the files a user names for its results: through <see cref="OutputFile"/>
/// (atomic for regular files, written through for devices, pipes and stdout, never the input),
/// checked before any work is done, with a note on stderr when the output is not a plain file.
/// </summary>
public static class CommandOutput
{
    /// <summary>Resolves an output and refuses it when it is one of <paramref name="inputs"/> (path, option name).</summary>
    public static OutputFile Resolve(string path, string option, params (string? Path, string Option)[] inputs)
    {
        var output = OutputFile.Resolve(path, option);
        foreach (var (inputPath, inputOption) in inputs)
        {
            if (inputPath is not null)
                output.RefuseInput(inputPath, inputOption);
        }
        return output;
    }

    /// <summary>Writes through <paramref name="output"/> and says on stderr how, when it is not a plain file.</summary>
    public static void Write(OutputFile output, Action<Stream> write)
    {
        output.Write(write);
        if (output.Note is { } note)
            Console.Error.WriteLine($"note: {note}");
    }

    /// <summary>Where a command's summary goes: stdout, unless the data itself went there.</summary>
    public static TextWriter Report(params OutputFile?[] outputs) =>
        outputs.Any(o => o?.IsStandardOutput == true) ? Console.Error : Console.Out;
}
