namespace Zfpe.TestSupport;

/// <summary>What a process run by a test did: its exit code and its output as text.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
