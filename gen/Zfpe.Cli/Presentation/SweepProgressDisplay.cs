using System.Diagnostics;
using Zfpe.Flow.Sweep;

namespace Zfpe.Cli.Commands;

/// <summary>
/// The live display of `zfpe sweep` on stderr. On a terminal: one status line redrawn in place
/// (bar, points done/total, running, cached, failed, elapsed, ETA; ticking every second), with
/// each finished point printed above it. Otherwise (a pipe, a CI log): one plain line per event.
/// </summary>
public sealed class SweepProgressDisplay : IDisposable
{
    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly object _gate = new();
    private readonly Timer? _timer;
    private readonly Stopwatch _sinceSnapshot = new();
    private SweepProgress? _last;
    private int _shown;
    private bool _closed;

    public SweepProgressDisplay(TextWriter writer, bool interactive)
    {
        _writer = writer;
        _interactive = interactive;
        if (interactive) _timer = new Timer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>A display on stderr, live when stderr is a terminal.</summary>
    public static SweepProgressDisplay ForConsole() => new(Console.Error, !Console.IsErrorRedirected);

    public void Update(SweepProgress p)
    {
        lock (_gate)
        {
            _last = p;
            _sinceSnapshot.Restart();
            if (!_interactive)
            {
                _writer.WriteLine($"[sweep {p.Done}/{p.Total}] {p.Message} ({Counters(p, p.Elapsed, p.Remaining)})");
                return;
            }
            if (!p.Message.StartsWith("started", StringComparison.Ordinal))
            {
                Clear();
                _writer.WriteLine(p.Message);
            }
            Draw();
        }
    }

    /// <summary>"[#####.....] 3/8 points, 2 running, 1 cached, 0 failed, 0:42 elapsed, ETA 1:10".</summary>
    public static string StatusLine(SweepProgress p, TimeSpan elapsed, TimeSpan? remaining)
    {
        const int width = 20;
        var filled = p.Total == 0 ? width : (int)Math.Floor((double)p.Done / p.Total * width);
        return $"[{new string('#', filled)}{new string('.', width - filled)}] {p.Done}/{p.Total} points, {Counters(p, elapsed, remaining)}";
    }

    private static string Counters(SweepProgress p, TimeSpan elapsed, TimeSpan? remaining) =>
        $"{p.Running} running, {p.Cached} cached, {p.Failed} failed, {Clock(elapsed)} elapsed, ETA {(remaining is { } r ? Clock(r) : "unknown")}";

    public static string Clock(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{(int)t.TotalMinutes}:{t.Seconds:00}";

    private void Tick()
    {
        lock (_gate)
        {
            // A tick already under way when the display closed must not redraw the erased line.
            if (_last is not null && !_closed) Draw();
        }
    }

    private void Draw()
    {
        var p = _last!;
        var since = _sinceSnapshot.Elapsed;
        TimeSpan? remaining = p.Remaining is { } r ? (r > since ? r - since : TimeSpan.Zero) : null;
        var line = StatusLine(p, p.Elapsed + since, remaining);
        _writer.Write('\r' + line.PadRight(_shown));
        _shown = line.Length;
        _writer.Flush();
    }

    private void Clear()
    {
        if (_shown == 0) return;
        _writer.Write('\r' + new string(' ', _shown) + '\r');
        _shown = 0;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            _closed = true;
            if (_interactive) Clear();
            _writer.Flush();
        }
    }
}
