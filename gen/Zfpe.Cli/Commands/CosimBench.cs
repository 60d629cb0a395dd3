using System.CommandLine;
using System.Globalization;
using Zfpe.Cores.Designs;
using Zfpe.Sim;

namespace Zfpe.Cli.Commands;

/// <summary>
/// `zfpe bench cosim`: cycles per second of one design driven (a) from C# through the bridge,
/// (b) by a plain C++ loop around the same Verilated model, (c) by Icarus Verilog, all with the
/// same input pattern, in one run; the checksums show they simulated the same thing.
/// </summary>
public static class CosimBench
{
    public static Command Create()
    {
        var design = new Option<string>("--design") { Description = "design to simulate (default: the ZFPe compressor)", DefaultValueFactory = _ => "compressor" };
        var set = GenCommands.SetOption();
        var cycles = new Option<long>("--cycles") { Description = "cycles for the bridge and the C++ loop", DefaultValueFactory = _ => 1_000_000 };
        var icarusCycles = new Option<long>("--icarus-cycles") { Description = "cycles for Icarus (slower; its rate is per cycle all the same)", DefaultValueFactory = _ => 20_000 };
        var repeats = new Option<int>("--repeat") { Description = "runs of (a) and (b); the best is kept", DefaultValueFactory = _ => 3 };
        var cmd = new Command("cosim", "simulation speed: the C# bridge vs a plain C++ loop vs Icarus Verilog, same design and inputs")
            { design, set, cycles, icarusCycles, repeats };
        cmd.SetAction(r => CliRunner.Run(() =>
        {
            var info = DesignCatalog.Get(r.GetValue(design)!);
            var emitted = info.Emit(DesignCatalog.ParseSettings(r.GetValue(set)!));
            var n = r.GetValue(cycles);
            var ni = r.GetValue(icarusCycles);
            if (n < 1000) throw new ArgumentException($"--cycles = {n} is too small (at least 1000)");
            if (ni < 100) throw new ArgumentException($"--icarus-cycles = {ni} is too small (at least 100)");
            Console.Error.WriteLine($"bench cosim: {info.Name} ({emitted.TopModule}, {emitted.Files.Sum(f => f.Text.Length)} characters of Verilog); building the model...");
            var comparison = CosimBenchmark.Run(emitted, n, seed: 1, repeats: Math.Max(1, r.GetValue(repeats)));
            Console.Error.WriteLine("bench cosim: running Icarus Verilog...");
            var check = IcarusBenchmark.CompareWithBridge(emitted, ni, seed: 1);
            var icarus = check.Icarus;

            string Row(string name, PatternResult p, string note) =>
                string.Create(CultureInfo.InvariantCulture, $"{name,-32} {p.Cycles,12:N0} {p.Seconds,9:F3} {p.CyclesPerSecond,14:N0}  {note}");
            Console.WriteLine($"{"simulator",-32} {"cycles",12} {"seconds",9} {"cycles/s",14}  checksum");
            Console.WriteLine(Row("(a) C# through the bridge", comparison.Bridge, $"{comparison.Bridge.Checksum:x16}"));
            Console.WriteLine(Row("(b) plain C++ loop, same model", comparison.Cpp, comparison.ChecksumsMatch ? "matches (a)" : $"{comparison.Cpp.Checksum:x16} DIFFERS"));
            var icarusCheck = !check.Comparable ? "not comparable (an output was x where the others read a value)"
                : check.ChecksumsMatch ? "matches the bridge over the same cycles" : $"{icarus.Checksum:x16} DIFFERS from the bridge's {check.Bridge.Checksum:x16}";
            Console.WriteLine(Row("(c) Icarus Verilog (vvp)", icarus, icarusCheck));
            var vsCpp = comparison.Ratio;
            var vsIcarus = icarus.CyclesPerSecond > 0 ? comparison.Bridge.CyclesPerSecond / icarus.CyclesPerSecond : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"targets: bridge/C++ >= 0.7 ({(vsCpp >= 0.7 ? "met" : "missed")}), bridge/Icarus >= 20 ({(vsIcarus >= 20 ? "met" : "missed")}); machine load affects both, rerun on a quiet machine"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bridge_vs_cpp={vsCpp:F2} bridge_vs_icarus={vsIcarus:F1}"));
            var mismatch = !comparison.ChecksumsMatch || (check.Comparable && !check.ChecksumsMatch);
            return mismatch ? CliRunner.CheckFailed : CliRunner.Ok;
        }));
        return cmd;
    }
}
