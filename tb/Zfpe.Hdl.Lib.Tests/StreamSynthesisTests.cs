using System.Diagnostics;
using Zfpe.Flow;
using Zfpe.Tools;

namespace Zfpe.Hdl.Lib.Tests;

/// <summary>Yosys `synth_ecp5` on the stream parts: the storage lands where the documentation says.</summary>
public class StreamSynthesisTests
{
    private static string Stat(EmittedDesign design)
    {
        var dir = Path.Combine(Path.GetTempPath(), "zfpe-hdl-lib-tests", $"yosys-{design.TopModule}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var files = design.WriteTo(dir);
        var script = $"read_verilog {string.Join(" ", files.Select(Path.GetFileName))}; synth_ecp5 -top {design.TopModule}; tee -q -o stat.txt stat";
        var psi = new ProcessStartInfo("yosys", $"-q -p \"{script}\"") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        var stat = Path.Combine(dir, "stat.txt");
        Assert.True(p.ExitCode == 0 && File.Exists(stat), $"yosys failed on {design.TopModule}:\n{output.Result}{errors.Result}");
        return File.ReadAllText(stat);
    }

    [ToolFact(ToolKind.Yosys)]
    public void A_block_ram_queue_is_one_DP16KD_and_a_LUT_queue_none()
    {
        Assert.Matches(@"DP16KD\s+1\b", Stat(VerilogEmitter.Emit(new StreamQueue<UInt>(Shape.UInt(17), 512, QueueStorage.BlockRam, withLast: true))));
        Assert.DoesNotMatch("DP16KD", Stat(VerilogEmitter.Emit(new StreamQueue<UInt>(Shape.UInt(17), 16, QueueStorage.Lut, withLast: true))));
    }

    [ToolFact(ToolKind.Yosys)]
    public void The_arbiter_and_width_adapters_synthesise_for_the_ECP5()
    {
        Assert.Contains("LUT4", Stat(VerilogEmitter.Emit(new StreamArbiter<UInt>(Shape.UInt(16), 5, ArbiterPolicy.RoundRobin, lockFragments: true))));
        Assert.Contains("TRELLIS_FF", Stat(VerilogEmitter.Emit(new StreamWiden<UInt>(Shape.UInt(8), 4, withLast: true))));
        Assert.Contains("LUT4", Stat(VerilogEmitter.Emit(new StreamNarrow<UInt>(Shape.UInt(8), 4, withLast: true))));
    }
}
