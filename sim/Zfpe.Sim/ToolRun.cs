using System.Diagnostics;
using System.Text;

namespace Zfpe.Sim;

/// <summary>The outcome of one external tool run: exit code, merged output, duration.</summary>
internal sealed record ToolRun(string Executable, IReadOnlyList<string> Arguments, int ExitCode, string Output, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;

    public string CommandLine => Executable + " " + string.Join(" ", Arguments.Select(Quote));

    private static string Quote(string a) => a.Length > 0 && a.All(c => !char.IsWhiteSpace(c) && c is not '"' and not '\'') ? a : "'" + a.Replace("'", "'\\''") + "'";

    /// <summary>Runs a tool to completion, capturing stdout and stderr in arrival order.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">the executable cannot be started.</exception>
    public static ToolRun Start(string executable, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        clock.Stop();
        string text;
        lock (output) text = output.ToString();
        return new ToolRun(executable, arguments, process.ExitCode, text, clock.Elapsed);
    }
}
