using System.CommandLine;
using Zfpe.Cli.Commands;

namespace Zfpe.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("zfpe: generator, simulator driver, build flow and codec for the ZFPe accelerator");
        var bench = new Command("bench", "benchmarks that print a figure and a ratio against a reference measured in the same run");
        foreach (var c in CommandCatalog.Commands()) root.Subcommands.Add(c);
        foreach (var c in CommandCatalog.Benchmarks()) bench.Subcommands.Add(c);
        root.Subcommands.Add(bench);
        return root.Parse(args).Invoke();
    }
}
