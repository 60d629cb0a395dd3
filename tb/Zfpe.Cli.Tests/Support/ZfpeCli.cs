using System.Diagnostics;

namespace Zfpe.Cli.Tests.Support;

/// <summary>Runs the built CLI (zfpe.dll beside the tests) as a separate process, as a user would.</summary>
public static class ZfpeCli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    /// <summary>A run whose standard output is binary data.</summary>
    public sealed record BinaryResult(int ExitCode, byte[] Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout.Length} bytes\nstderr:\n{Stderr}";
    }

    public static Result Run(params string[] args)
    {
        var result = RunBinary(args);
        return new Result(result.ExitCode, System.Text.Encoding.UTF8.GetString(result.Stdout), result.Stderr);
    }

    /// <summary>Runs the CLI with <paramref name="environment"/> set on top of this process's environment.</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var result = RunBinary(environment, args);
        return new Result(result.ExitCode, System.Text.Encoding.UTF8.GetString(result.Stdout), result.Stderr);
    }

    public static BinaryResult RunBinary(params string[] args) => RunBinary(new Dictionary<string, string>(), args);

    private static BinaryResult RunBinary(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        using var process = Start(environment, args);
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"zfpe {string.Join(' ', args)} did not finish within 2 minutes");
        }
        copy.Wait();
        return new BinaryResult(process.ExitCode, stdout.ToArray(), stderr.Result);
    }

    /// <summary>Starts the CLI with redirected standard streams; the caller waits for it.</summary>
    public static Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    private static Process Start(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "zfpe.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project must reference gen/Zfpe.Cli");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    /// <summary>The dotnet host running these tests (dotnet test sets DOTNET_HOST_PATH), else dotnet from PATH.</summary>
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }
}
