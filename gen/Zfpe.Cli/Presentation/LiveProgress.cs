using Spectre.Console;

namespace Zfpe.Cli.Presentation;

/// <summary>
/// Spectre.Console's live progress display with one task, run beside the work rather than around
/// it: the commands report from their own loops and callbacks, so the display lives on a task of
/// its own until disposed, and is erased then.
/// </summary>
public sealed class LiveProgress : IDisposable
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _display;

    public LiveProgress(IAnsiConsole console, string description, double maxValue, params ProgressColumn[] columns)
    {
        ArgumentNullException.ThrowIfNull(console);
        Console = console;
        var started = new TaskCompletionSource<ProgressTask>(TaskCreationOptions.RunContinuationsAsynchronously);
        _display = System.Threading.Tasks.Task.Run(() => console.Progress().AutoClear(true).Columns(columns).StartAsync(async context =>
        {
            started.SetResult(context.AddTask(description, maxValue: Math.Max(1, maxValue)));
            await _finished.Task.ConfigureAwait(false);
        }));
        // A display that fails before its task exists must not leave the caller waiting.
        System.Threading.Tasks.Task.WaitAny(started.Task, _display);
        if (!started.Task.IsCompleted) _display.GetAwaiter().GetResult();
        Task = started.Task.Result;
    }

    /// <summary>The console the display draws on; lines written to it appear above the display.</summary>
    public IAnsiConsole Console { get; }

    public ProgressTask Task { get; }

    public void Dispose()
    {
        _finished.TrySetResult();
        _display.GetAwaiter().GetResult();
    }
}
