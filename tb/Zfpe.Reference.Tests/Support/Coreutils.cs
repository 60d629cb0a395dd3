using System.Diagnostics;

namespace Zfpe.Reference.Tests.Support;

/// <summary>
/// The coreutils commands the file-safety tests use to make what .NET cannot (named pipes, device
/// nodes, hard links) and to ask what a path is. Also compiled into Zfpe.Cli.Tests (linked source).
/// </summary>
public static class Coreutils
{
    /// <summary>Runs <paramref name="program"/> and returns its standard output; fails the test when it fails.</summary>
    public static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {error}");
        return output.Result.Trim();
    }

    /// <summary>"link" for a symbolic link, else what stat(1) calls the file ("regular file", "fifo", "character special file", ...).</summary>
    public static string TypeOf(string path) => new FileInfo(path).LinkTarget is not null ? "link" : Run("stat", "-c", "%F", path);

    /// <summary>
    /// A character device that discards what is written, like /dev/null: a private node in
    /// <paramref name="directory"/> when this user may create one (root), else /dev/null itself,
    /// which a user who cannot create device nodes cannot replace either.
    /// </summary>
    public static string NullDevice(string directory)
    {
        if (Environment.UserName != "root")
            return "/dev/null";
        string device = Path.Combine(directory, "null");
        Run("mknod", device, "c", "1", "3");
        return device;
    }
}
