namespace Zfpe.Tools;

/// <summary>The outcome of one tool invocation: exit code and every line it printed (stdout and stderr, interleaved).</summary>
public sealed record ToolRun(int ExitCode, IReadOnlyList<string> Lines, TimeSpan Duration);
