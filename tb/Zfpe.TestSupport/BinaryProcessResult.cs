namespace Zfpe.TestSupport;

/// <summary>A process run whose standard output is binary data.</summary>
public sealed record BinaryProcessResult(int ExitCode, byte[] Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout.Length} bytes\nstderr:\n{Stderr}";
}
