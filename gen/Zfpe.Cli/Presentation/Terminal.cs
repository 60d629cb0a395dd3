using Spectre.Console;

namespace Zfpe.Cli.Presentation;

/// <summary>
/// Where live displays may draw. Progress goes to stderr and results to stdout; each gets
/// Spectre.Console's drawing only when it is a terminal, so pipes, logs and tests read plain text.
/// </summary>
public static class Terminal
{
    /// <summary>Whether stderr is a terminal (progress is drawn there).</summary>
    public static bool StderrIsTerminal => !Console.IsErrorRedirected;

    /// <summary>Whether stdout is a terminal (tables are drawn there).</summary>
    public static bool StdoutIsTerminal => !Console.IsOutputRedirected;

    /// <summary>A Spectre console over stderr.</summary>
    public static IAnsiConsole Stderr() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>A Spectre console over stdout.</summary>
    public static IAnsiConsole Stdout() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
}
