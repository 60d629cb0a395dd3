using System.Diagnostics;
using Zfpe.Hdl.Emit;

namespace Zfpe.Cores.Tests.Support;

/// <summary>Verilator lint and Yosys synthesis of an emitted design, in a scratch directory.</summary>
public static class VerilogTools
{
    private static (int ExitCode, string Output) Run(string tool, IEnumerable<string> arguments, string directory)
    {
        var psi = new ProcessStartInfo(tool) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {tool}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>`verilator --lint-only -Wall`: empty when clean, else the exit code and the warnings.</summary>
    public static string Lint(EmittedDesign design)
    {
        var dir = Directory.CreateTempSubdirectory("zfpe-lint-").FullName;
        try
        {
            var files = design.WriteTo(dir);
            var (code, output) = Run("verilator", ["--lint-only", "-Wall", "--top-module", design.TopModule, .. files.Select(Path.GetFileName)!], dir);
            return code == 0 && output.Trim().Length == 0 ? "" : $"exit {code}\n{output}";
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>Yosys `synth_ecp5`; returns whether it worked and the `stat` table (or the log).</summary>
    public static (bool Ok, string Stat) SynthEcp5(EmittedDesign design)
    {
        var dir = Directory.CreateTempSubdirectory("zfpe-yosys-").FullName;
        try
        {
            var files = design.WriteTo(dir);
            var script = $"read_verilog {string.Join(" ", files.Select(Path.GetFileName))}; synth_ecp5 -top {design.TopModule}; tee -q -o stat.txt stat";
            var (code, output) = Run("yosys", ["-q", "-p", script], dir);
            var stat = Path.Combine(dir, "stat.txt");
            return (code == 0, File.Exists(stat) ? File.ReadAllText(stat) : output);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
