namespace Zfpe.Sim;

/// <summary>
/// A model could not be built: a tool is missing, or Verilator or the C++ compiler rejected it.
/// The message carries the tool's own error lines and, when the tool named one, the emitted
/// file and line with the text of that line.
/// </summary>
public sealed class SimBuildException(
    string message,
    string? tool = null,
    string? toolOutput = null,
    string? sourceFile = null,
    int? sourceLine = null,
    string? buildDirectory = null) : Exception(message)
{
    /// <summary>The tool that failed (its path), or null when none ran.</summary>
    public string? Tool { get; } = tool;

    /// <summary>Everything the tool printed.</summary>
    public string? ToolOutput { get; } = toolOutput;

    /// <summary>The file of the first error the tool reported (an emitted .v file, or a generated .cpp).</summary>
    public string? SourceFile { get; } = sourceFile;

    public int? SourceLine { get; } = sourceLine;

    /// <summary>Where the failed build was kept for inspection.</summary>
    public string? BuildDirectory { get; } = buildDirectory;
}
