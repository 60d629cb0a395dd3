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
        CliNumbers.Apply(root);

        var parse = root.Parse(args);
        if (parse.Errors.Count == 0)
            return parse.Invoke();
        // A mistyped option gets its reason and where to look, not the whole help (exit code 2: bad input).
        foreach (var error in parse.Errors)
            Console.Error.WriteLine($"error: {error.Message}");
        Console.Error.WriteLine($"run '{CommandPath(parse.CommandResult)} --help' for the options");
        return CliRunner.BadInput;
    }

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var r = result; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Add(r.Parent is null ? "zfpe" : r.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }
}
