using System.CommandLine;
using System.Globalization;
using Zfpe.Cli.Adapters;
using Zfpe.Cores.Designs;
using Zfpe.Hdl.Lib.Sdram;

namespace Zfpe.Cli.Commands;

/// <summary>
/// `zfpe bench memory`: sustained words per cycle of the simulated memory system (burst arbiter +
/// SDRAM controller on the chip model) for plain sequential reads and for the accelerator's pattern
/// (two read streams and one write stream in runs), beside the authors' scheme (one burst-length-1
/// request in flight) on the same words; the last line is
/// <c>sequential_words_per_cycle=… mixed_vs_authors=…</c>.
/// </summary>
public static class MemoryBench
{
    public static Command Create()
    {
        var set = GenCommands.SetOption();
        var words = new Option<int>("--words") { Description = "words per stream and pattern", DefaultValueFactory = _ => 32_768 };
        var seed = new Option<int>("--seed") { Description = "seed of the written data", DefaultValueFactory = _ => 1 };
        var cmd = new Command("memory", "words per cycle of the simulated memory system (sequential reads; two read streams + one write stream), against the authors' one-word-in-flight scheme")
            { set, words, seed };
        cmd.SetAction(r => CliRunner.Run(() =>
        {
            var top = (MemorySystem)DesignCatalog.Get("memory-system").Build(DesignCatalog.ParseSettings(r.GetValue(set)!));
            var c = top.Config;
            var n = r.GetValue(words);
            if (n < c.Run || n > 1 << 22) throw new CliException($"--words = {n} is out of range: allowed {c.Run}..{1 << 22} (at least one run of {c.Run})");
            if (c.Ports < 3) throw new CliException($"--set ports={c.Ports}: the mixed pattern needs at least 3 ports (two read streams, one write stream)");
            var run = MemoryBenchRun.Measure(c, n, r.GetValue(seed), message => Console.Error.WriteLine($"bench memory: {message}"));
            static string Line(string name, MemoryBenchRun.Pattern p) => string.Create(CultureInfo.InvariantCulture,
                $"{name}: {p.Words:N0} words in {p.Cycles:N0} cycles = {p.WordsPerCycle:F3} words/cycle; authors' scheme (one BL1 request in flight) {p.AuthorsCycles:N0} cycles = {p.AuthorsWordsPerCycle:F3} words/cycle ({p.AuthorsCycles / (double)p.Words:F2} cycles/word); {p.VsAuthors:F2}x");
            Console.WriteLine($"memory-system ports={c.Ports} run={c.Run} policy={c.Policy} response-depth={c.ResponseDepth}, {c.Controller.Timing}");
            Console.WriteLine(Line("sequential reads (runs on port 0)", run.Sequential));
            Console.WriteLine(Line("mixed (ports 0, 1 read, port 2 writes)", run.Mixed));
            Console.WriteLine("every read word checked against a shadow memory, every command against the datasheet rules");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sequential_words_per_cycle={run.Sequential.WordsPerCycle:F3} mixed_vs_authors={run.Mixed.VsAuthors:F2}"));
            return CliRunner.Ok;
        }));
        return cmd;
    }
}
