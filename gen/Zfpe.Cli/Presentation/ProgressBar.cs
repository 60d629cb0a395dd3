using Spectre.Console;

namespace Zfpe.Cli.Presentation;

/// <summary>
/// A progress bar on stderr for long runs, drawn by Spectre.Console (label, bar, percentage, time
/// left) and erased when done. Only on a terminal: logs and pipes get nothing.
/// </summary>
public sealed class ProgressBar : IDisposable
{
    /// <summary>Inputs with at least this many values get a bar; smaller ones finish too fast to need it.</summary>
    public const long Threshold = 4_000_000;

    private readonly LiveProgress _live;

    private ProgressBar(IAnsiConsole console, long total) =>
        _live = new LiveProgress(console, "starting", total,
            new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn());

    /// <summary>A bar for <paramref name="total"/> units of work when the input has at least <see cref="Threshold"/> values and stderr is a terminal; otherwise null.</summary>
    public static ProgressBar? StartIfUseful(long inputValues, long total) =>
        inputValues >= Threshold ? StartOnTerminal(total) : null;

    /// <summary>A bar on stderr when it is a terminal; otherwise null.</summary>
    public static ProgressBar? StartOnTerminal(long total) =>
        Terminal.StderrIsTerminal ? new ProgressBar(Terminal.Stderr(), total) : null;

    /// <summary>A bar that always draws on <paramref name="console"/> (for tests and callers that decided themselves).</summary>
    public static ProgressBar Start(IAnsiConsole console, long total) => new(console, total);

    /// <summary>Units done so far.</summary>
    public double Value => _live.Task.Value;

    public void Advance(long units, string label)
    {
        _live.Task.Description = Markup.Escape(label);
        _live.Task.Increment(units);
    }

    public void Dispose() => _live.Dispose();
}
