using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Rendering;
using Zfpe.Flow.Sweep;

namespace Zfpe.Cli.Presentation;

/// <summary>
/// The live display of `zfpe sweep` on stderr. On a terminal: Spectre.Console's progress bar with
/// points done/total, running, cached, failed, elapsed and ETA (ticking between events), each
/// finished point printed above it. Otherwise (a pipe, a CI log): one plain line per event.
/// </summary>
public sealed class SweepProgressDisplay : IDisposable
{
    private readonly TextWriter? _writer;
    private readonly LiveProgress? _live;
    private readonly object _gate = new();
    private readonly Stopwatch _sinceSnapshot = new();
    private SweepProgress? _last;

    /// <summary>The plain display: one line per event on <paramref name="writer"/>.</summary>
    public SweepProgressDisplay(TextWriter writer) => _writer = writer;

    /// <summary>The live display on <paramref name="console"/>.</summary>
    public SweepProgressDisplay(IAnsiConsole console) =>
        _live = new LiveProgress(console, "sweep", 1, new ProgressBarColumn(), new StatusColumn(this));

    /// <summary>A display on stderr, live when stderr is a terminal.</summary>
    public static SweepProgressDisplay ForConsole() =>
        Terminal.StderrIsTerminal ? new(Terminal.Stderr()) : new(Console.Error);

    public void Update(SweepProgress p)
    {
        lock (_gate)
        {
            _last = p;
            _sinceSnapshot.Restart();
            if (_live is null)
            {
                _writer!.WriteLine($"[sweep {p.Done}/{p.Total}] {p.Message} ({Counters(p, p.Elapsed, p.Remaining)})");
                return;
            }
            _live.Task.MaxValue = Math.Max(1, p.Total);
            _live.Task.Value = p.Done;
            // Starts only change the counters; finished points scroll above the bar.
            if (!p.Message.StartsWith("started", StringComparison.Ordinal)) _live.Console.WriteLine(p.Message);
        }
    }

    /// <summary>"3/8 points, 2 running, 1 cached, 0 failed, 0:42 elapsed, ETA 1:10".</summary>
    public static string StatusText(SweepProgress p, TimeSpan elapsed, TimeSpan? remaining) =>
        $"{p.Done}/{p.Total} points, {Counters(p, elapsed, remaining)}";

    private static string Counters(SweepProgress p, TimeSpan elapsed, TimeSpan? remaining) =>
        $"{p.Running} running, {p.Cached} cached, {p.Failed} failed, {Clock(elapsed)} elapsed, ETA {(remaining is { } r ? Clock(r) : "unknown")}";

    public static string Clock(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{(int)t.TotalMinutes}:{t.Seconds:00}";

    /// <summary>The status as of now: the last event's clocks moved on by the time since it.</summary>
    private string Status()
    {
        lock (_gate)
        {
            if (_last is not { } p) return "starting";
            var since = _sinceSnapshot.Elapsed;
            TimeSpan? remaining = p.Remaining is { } r ? (r > since ? r - since : TimeSpan.Zero) : null;
            return StatusText(p, p.Elapsed + since, remaining);
        }
    }

    public void Dispose()
    {
        _live?.Dispose();
        _writer?.Flush();
    }

    private sealed class StatusColumn(SweepProgressDisplay display) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => new Text(display.Status());
    }
}
