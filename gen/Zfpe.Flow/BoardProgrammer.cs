using Zfpe.Tools;
namespace Zfpe.Flow;

/// <summary>
/// Loads a bitstream into the ULX3S with openFPGALoader: into the FPGA's configuration SRAM
/// (lost at power-off) or into the SPI flash (kept, loaded at power-on).
/// </summary>
public sealed class BoardProgrammer(ToolLocator tools)
{
    public const string Board = "ulx3s";

    /// <summary>The openFPGALoader arguments for <paramref name="bitstream"/>.</summary>
    public static IReadOnlyList<string> Arguments(string bitstream, bool flash) =>
        flash ? ["--board", Board, "--write-flash", bitstream] : ["--board", Board, bitstream];

    /// <summary>
    /// Programs the board, echoing openFPGALoader's progress. Throws <see cref="MissingToolException"/>
    /// without openFPGALoader and <see cref="ToolFailedException"/> (with its error lines, e.g. no
    /// board found) when it fails.
    /// </summary>
    public ToolRun Program(string bitstream, bool flash, string logPath, Action<string>? echo = null)
    {
        if (!File.Exists(bitstream))
            throw new FileNotFoundException($"no bitstream at {bitstream}: run `zfpe build` first or pass --bit", bitstream);
        var loader = tools.Require(ToolKind.OpenFpgaLoader);
        var run = ToolProcess.Run(loader.Path!, Arguments(Path.GetFullPath(bitstream), flash),
            Directory.GetCurrentDirectory(), logPath, TimeSpan.FromMinutes(10), echo);
        if (run.ExitCode != 0)
            throw new ToolFailedException(loader.Spec.Executable, run.ExitCode, ToolFailedException.ErrorLinesOf(run.Lines), logPath);
        return run;
    }
}
