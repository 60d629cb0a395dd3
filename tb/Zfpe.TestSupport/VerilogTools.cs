using Zfpe.Hdl.Emit;
using Zfpe.Tools;

namespace Zfpe.TestSupport;

/// <summary>Verilator lint and Yosys synthesis of an emitted design, in a scratch directory, with the tools the registry finds.</summary>
public static class VerilogTools
{
    private static readonly ToolLocator Tools = new();

    /// <summary>Runs a registered tool with an argument list; its exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Run(ToolKind tool, IReadOnlyList<string> arguments, string directory)
    {
        var run = ToolProcess.Run(Tools.Require(tool).Path!, arguments, directory, logPath: null, TimeSpan.FromMinutes(20));
        return (run.ExitCode, string.Join('\n', run.Lines));
    }

    /// <summary>`verilator --lint-only -Wall`: empty when clean, else the exit code and the warnings.</summary>
    public static string Lint(EmittedDesign design)
    {
        using var dir = new TempDirectory();
        var files = design.WriteTo(dir.Path);
        var (code, output) = Run(ToolKind.Verilator, ["--lint-only", "-Wall", "--top-module", design.TopModule, .. files.Select(Path.GetFileName)!], dir.Path);
        return code == 0 && output.Trim().Length == 0 ? "" : $"exit {code}\n{output}";
    }

    /// <summary>Fails with Verilator's whole output unless the design is lint-clean.</summary>
    public static void AssertLintClean(EmittedDesign design)
    {
        var complaints = Lint(design);
        Assert.True(complaints.Length == 0, $"{design.TopModule} is not lint-clean:\n{complaints}");
    }

    /// <summary>Yosys `synth_ecp5`; whether it worked, and the `stat` table (after the log when it failed).</summary>
    public static (bool Ok, string Stat) SynthEcp5(EmittedDesign design)
    {
        using var dir = new TempDirectory();
        var files = design.WriteTo(dir.Path);
        var script = $"read_verilog {string.Join(" ", files.Select(Path.GetFileName))}; synth_ecp5 -top {design.TopModule}; tee -q -o stat.txt stat";
        var (code, output) = Run(ToolKind.Yosys, ["-q", "-p", script], dir.Path);
        var stat = Path.Combine(dir.Path, "stat.txt");
        var table = File.Exists(stat) ? File.ReadAllText(stat) : "";
        return (code == 0, code == 0 ? table : output + "\n" + table);
    }
}
