using System.CommandLine;
using System.Diagnostics;
using Zfpe.Cores.Designs;
using Zfpe.Hdl.Elaboration;
using Zfpe.Hdl.Emit;
using Zfpe.Reference.Files;

namespace Zfpe.Cli.Commands;

/// <summary>`zfpe designs`, `zfpe gen` and `zfpe bench elaborate`.</summary>
public static class GenCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Designs();
        yield return Gen();
    }

    public static IEnumerable<Command> Benchmarks()
    {
        yield return BenchElaborate();
    }

    /// <summary>The repeatable `--set k=v` option shared by every command that takes a design.</summary>
    public static Option<string[]> SetOption() => new("--set")
    {
        Description = "set a design parameter, name=value (repeatable); `zfpe designs` lists them",
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
    };

    private static Command Designs()
    {
        var names = new Option<bool>("--names") { Description = "print only the design names, one per line" };
        var cmd = new Command("designs", "list the designs and their parameters") { names };
        cmd.SetAction(r => CliRunner.Run(() =>
        {
            foreach (var d in DesignCatalog.All)
            {
                if (r.GetValue(names))
                {
                    Console.WriteLine(d.Name);
                    continue;
                }
                Console.WriteLine($"{d.Name}: {d.Description}");
                foreach (var p in d.Parameters)
                    Console.WriteLine($"    {p.Name,-14} default {p.Format(p.Default),-8} allowed {p.AllowedText,-14} {p.Description}");
            }
            return CliRunner.Ok;
        }));
        return cmd;
    }

    private static Command Gen()
    {
        var design = new Argument<string>("design") { Description = "design name (see `zfpe designs`)" };
        var set = SetOption();
        var outDir = new Option<string?>("--out") { Description = "output directory (default: out/gen/<design>): new, empty, or made by an earlier zfpe gen (only the files its manifest lists are replaced or removed)" };
        var cmd = new Command("gen", "emit a design's Verilog, one .v file per module, and a manifest.json") { design, set, outDir };
        cmd.SetAction(r => CliRunner.Run(() =>
        {
            var info = DesignCatalog.Get(r.GetValue(design)!);
            var settings = info.Resolve(DesignCatalog.ParseSettings(r.GetValue(set)!));
            var emitted = VerilogEmitter.Emit(info.Build(settings));
            var dir = r.GetValue(outDir) ?? Path.Combine("out", "gen", info.Name);
            var paths = GeneratedDirectory.Write(info, settings, emitted, dir, Console.Error,
                (path, bytes) => OutputFile.Resolve(path).Write(stream => stream.Write(bytes)));
            Console.WriteLine($"{info.Name}: top module {emitted.TopModule}, {emitted.Files.Count} module(s) written to {dir}");
            foreach (var p in paths) Console.WriteLine($"  {p}");
            return CliRunner.Ok;
        }));
        return cmd;
    }

    private static Command BenchElaborate()
    {
        var inputs = new Option<int>("--inputs") { Description = "inputs of the stream-merge design measured (sets its size)", DefaultValueFactory = _ => 32 };
        var repeat = new Option<int>("--repeat") { Description = "runs; the best time is reported", DefaultValueFactory = _ => 5 };
        var cmd = new Command("elaborate", "time elaboration and Verilog emission of a design of about 10,000 IR nodes") { inputs, repeat };
        cmd.SetAction(r => CliRunner.Run(() =>
        {
            var n = r.GetValue(inputs);
            var info = DesignCatalog.Get("stream-merge");
            var settings = new Dictionary<string, string> { ["inputs"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture), ["width"] = "32", ["depth"] = "16" };
            double bestElab = double.MaxValue, bestEmit = double.MaxValue;
            var nodes = 0;
            for (var i = 0; i < Math.Max(1, r.GetValue(repeat)) + 1; i++)
            {
                var sw = Stopwatch.StartNew();
                var design = Elaborator.Elaborate(info.Build(settings));
                var elab = sw.Elapsed.TotalMilliseconds;
                sw.Restart();
                var emitted = VerilogEmitter.Emit(design);
                var emit = sw.Elapsed.TotalMilliseconds;
                nodes = design.NodeCount;
                if (i == 0)
                {
                    Console.WriteLine($"design stream-merge inputs={n} width=32 depth=16: {nodes} IR nodes, {emitted.Files.Count} modules, {emitted.Files.Sum(f => f.Text.Length)} characters of Verilog");
                    Console.WriteLine($"first run (includes JIT): elaborate {elab:F1} ms, emit {emit:F1} ms");
                    continue;
                }
                bestElab = Math.Min(bestElab, elab);
                bestEmit = Math.Min(bestEmit, emit);
            }
            Console.WriteLine($"best of {r.GetValue(repeat)} warm runs: elaborate {bestElab:F1} ms, emit {bestEmit:F1} ms (target: well under 1000 ms together)");
            Console.WriteLine($"nodes={nodes} elaborate_ms={bestElab:F1} emit_ms={bestEmit:F1}");
            return CliRunner.Ok;
        }));
        return cmd;
    }
}
