namespace Zfpe.Cli.Commands;

/// <summary>An error to report to the user as one line, with the exit code to return.</summary>
public sealed class CliException(string message, int exitCode = CliRunner.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
