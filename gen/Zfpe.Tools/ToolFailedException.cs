namespace Zfpe.Tools;

/// <summary>
/// A tool ran and failed. The message carries the tool's own error lines, so the user sees
/// what the tool said without opening the log.
/// </summary>
public sealed class ToolFailedException(string tool, int exitCode, IReadOnlyList<string> errorLines, string? logPath)
    : Exception(Compose(tool, exitCode, errorLines, logPath))
{
    public string Tool { get; } = tool;
    public int ExitCode { get; } = exitCode;
    public IReadOnlyList<string> ErrorLines { get; } = errorLines;
    public string? LogPath { get; } = logPath;

    private static string Compose(string tool, int exitCode, IReadOnlyList<string> errorLines, string? logPath)
    {
        var head = exitCode >= 0 ? $"{tool} failed (exit code {exitCode})" : $"{tool} failed";
        var body = errorLines.Count > 0 ? ":" + Environment.NewLine + string.Join(Environment.NewLine, errorLines.Select(l => "  " + l)) : "";
        var tail = logPath is not null ? Environment.NewLine + $"full log: {logPath}" : "";
        return head + body + tail;
    }

    /// <summary>
    /// The lines of a tool's output that report errors (Yosys, nextpnr and ecppack all say
    /// "ERROR" or "error"); when none do, the last lines, which is where tools explain a crash.
    /// </summary>
    public static IReadOnlyList<string> ErrorLinesOf(IReadOnlyList<string> output, int max = 12)
    {
        var errors = output
            .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)
                     && !l.TrimStart().StartsWith("Warning", StringComparison.OrdinalIgnoreCase))
            .Select(l => l.Trim())
            .Distinct()
            .Take(max)
            .ToList();
        return errors.Count > 0 ? errors : output.Where(l => l.Trim().Length > 0).TakeLast(max).Select(l => l.Trim()).ToList();
    }
}
