using System.Diagnostics;
using Zfpe.Hdl.Emit;

namespace Zfpe.Hdl.Lib.Tests.Support;

/// <summary>`verilator --lint-only -Wall` over an emitted design, in a scratch directory.</summary>
public static class Verilator
{
    /// <summary>Fails with Verilator's whole output unless the design is lint-clean.</summary>
    public static void AssertLintClean(EmittedDesign design)
    {
        var complaints = Lint(design);
        Assert.True(complaints.Length == 0, $"{design.TopModule} is not lint-clean:\n{complaints}");
    }

    /// <summary>Verilator's complaints, or "" when the design is lint-clean.</summary>
    public static string Lint(EmittedDesign design)
    {
        var dir = Path.Combine(Path.GetTempPath(), "zfpe-hdl-lib-tests", $"lint-{design.TopModule}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var files = design.WriteTo(dir);
        var psi = new ProcessStartInfo("verilator", $"--lint-only -Wall --top-module {design.TopModule} {string.Join(" ", files.Select(Path.GetFileName))}")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start verilator: apt-get install verilator");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        var output = stdout.Result + stderr.Result;
        if (p.ExitCode == 0 && output.Trim().Length == 0)
        {
            Directory.Delete(dir, recursive: true);
            return "";
        }
        return $"exit {p.ExitCode}\n{output}\n--- in {dir}";
    }
}
