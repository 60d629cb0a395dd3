using System.Diagnostics;

namespace Zfpe.TestSupport;

/// <summary>
/// Runs the built CLI (zfpe.dll beside the tests: the test project references gen/Zfpe.Cli) as a
/// separate process, as a user would: in this process's working directory unless told otherwise.
/// </summary>
public static class ZfpeCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "zfpe.dll");

    public static ProcessResult Run(params string[] args) => ProcessRunner.Text(RunBinary(args));

    /// <summary>Runs the CLI with <paramref name="environment"/> set on top of this process's environment.</summary>
    public static ProcessResult RunWith(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunIn(null, environment, DefaultTimeout, args);

    /// <summary>Runs the CLI from the repository root (where it finds the model cache and writes out/).</summary>
    public static ProcessResult InRepository(params string[] args) => RunIn(Repository.Root, null, DefaultTimeout, args);

    public static ProcessResult RunIn(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, params string[] args) =>
        ProcessRunner.Text(ProcessRunner.Run(StartInfo(workingDirectory, args), environment, timeout, "zfpe " + string.Join(' ', args)));

    public static BinaryProcessResult RunBinary(params string[] args) =>
        ProcessRunner.Run(StartInfo(null, args), null, DefaultTimeout, "zfpe " + string.Join(' ', args));

    /// <summary>Starts the CLI with redirected standard streams; the caller waits for it.</summary>
    public static Process Start(params string[] args) => ProcessRunner.Start(StartInfo(null, args), null);

    private static ProcessStartInfo StartInfo(string? workingDirectory, string[] args)
    {
        Assert.True(File.Exists(Dll), $"{Dll} is missing: the test project must reference gen/Zfpe.Cli");
        var start = new ProcessStartInfo(DotnetHost());
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        return start;
    }

    /// <summary>The dotnet host running these tests (dotnet test sets DOTNET_HOST_PATH), else dotnet from PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
