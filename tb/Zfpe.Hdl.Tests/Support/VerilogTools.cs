using System.Diagnostics;
using Zfpe.Hdl.Emit;

namespace Zfpe.Hdl.Tests.Support;

/// <summary>Runs Verilator lint, Yosys and Icarus Verilog on emitted designs, in a scratch directory.</summary>
public static class VerilogTools
{
    public static string ScratchDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "zfpe-hdl-tests", $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 60)]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static (int ExitCode, string Output) Run(string tool, string arguments, string workDir)
    {
        var psi = new ProcessStartInfo(tool, arguments)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"'{tool}' is not installed: apt-get install {(tool == "vvp" ? "iverilog" : tool)}");
        }
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>`verilator --lint-only -Wall` over every file; returns its output (empty when clean).</summary>
    public static string Lint(EmittedDesign design)
    {
        var dir = ScratchDir("lint-" + design.TopModule);
        var files = design.WriteTo(dir);
        var (code, output) = Run("verilator", $"--lint-only -Wall --top-module {design.TopModule} {string.Join(" ", files.Select(Path.GetFileName))}", dir);
        return code == 0 && output.Trim().Length == 0 ? "" : $"exit {code}\n{output}\n--- in {dir}";
    }

    /// <summary>Yosys `synth_ecp5`; returns (ok, log tail).</summary>
    public static (bool Ok, string Log) SynthEcp5(EmittedDesign design)
    {
        var dir = ScratchDir("yosys-" + design.TopModule);
        var files = design.WriteTo(dir);
        var script = $"read_verilog {string.Join(" ", files.Select(Path.GetFileName))}; synth_ecp5 -top {design.TopModule}; tee -q -o stat.txt stat";
        var (code, output) = Run("yosys", $"-q -p \"{script}\"", dir);
        var stat = Path.Combine(dir, "stat.txt");
        return (code == 0, output + (File.Exists(stat) ? File.ReadAllText(stat) : ""));
    }
}
