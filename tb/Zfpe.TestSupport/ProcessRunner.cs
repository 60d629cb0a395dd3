using System.Diagnostics;

namespace Zfpe.TestSupport;

/// <summary>Runs a process with redirected output and a time limit, failing the test when it overruns.</summary>
public static class ProcessRunner
{
    public static BinaryProcessResult Run(ProcessStartInfo start, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var process = Start(start, environment);
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{what} did not finish within {timeout.TotalMinutes:0.#} minutes");
        }
        copy.Wait();
        return new BinaryProcessResult(process.ExitCode, stdout.ToArray(), stderr.Result);
    }

    /// <summary>A run of sh -c <paramref name="line"/>, as GNU parallel or a batch system runs a line.</summary>
    public static ProcessResult Shell(string line, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("/bin/sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(line);
        return Text(Run(start, environment, timeout, line));
    }

    /// <summary>Starts <paramref name="start"/> with redirected standard streams and <paramref name="environment"/> on top of this process's; the caller waits for it.</summary>
    public static Process Start(ProcessStartInfo start, IReadOnlyDictionary<string, string>? environment)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
    }

    public static ProcessResult Text(BinaryProcessResult result) =>
        new(result.ExitCode, System.Text.Encoding.UTF8.GetString(result.Stdout), result.Stderr);
}
