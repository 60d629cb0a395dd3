using System.ComponentModel;
using System.Diagnostics;

namespace Zfpe.Tools;

/// <summary>Runs an external tool with an argument list (no shell), logging everything it prints.</summary>
public static class ToolProcess
{
    /// <summary>
    /// Runs <paramref name="executable"/> in <paramref name="workingDirectory"/>. Output goes to
    /// <paramref name="logPath"/> (when given) as it arrives, so a long run can be followed with
    /// tail -f; <paramref name="echo"/> also receives every line (for tools whose progress the
    /// user should watch). A start failure or a timeout is a <see cref="ToolFailedException"/>.
    /// </summary>
    public static ToolRun Run(string executable, IReadOnlyList<string> arguments, string workingDirectory, string? logPath, TimeSpan timeout,
        Action<string>? echo = null)
    {
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);

        var lines = new List<string>();
        StreamWriter? log = null;
        if (logPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
            log = new StreamWriter(logPath, append: false) { AutoFlush = true };
            log.WriteLine($"$ {executable} {string.Join(' ', arguments.Select(Quote))}");
        }
        var gate = new Lock();
        void Take(string? line)
        {
            if (line is null) return;
            lock (gate)
            {
                lines.Add(line);
                log?.WriteLine(line);
                echo?.Invoke(line);
            }
        }

        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Take(e.Data);
        process.ErrorDataReceived += (_, e) => Take(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            log?.Dispose();
            throw new ToolFailedException(Path.GetFileName(executable), -1, [$"could not start {executable}: {e.Message}"], logPath);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
            log?.Dispose();
            throw new ToolFailedException(Path.GetFileName(executable), -1,
                [$"{Path.GetFileName(executable)} did not finish within {timeout.TotalMinutes:0.#} minutes and was stopped"], logPath);
        }
        process.WaitForExit(); // drains the asynchronous readers
        lock (gate)
        {
            log?.WriteLine($"# exit code {process.ExitCode} after {watch.Elapsed.TotalSeconds:0.0} s");
            log?.Dispose();
            return new ToolRun(process.ExitCode, lines.ToList(), watch.Elapsed);
        }
    }

    private static string Quote(string s) => s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || "-_./=:+,".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";
}
