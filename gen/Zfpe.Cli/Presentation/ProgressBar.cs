namespace Zfpe.Cli.Commands;

/// <summary>
/// A one-line progress bar on stderr for long runs. It draws only when stderr is a terminal (so
/// logs and pipes stay clean) and redraws only when the shown percentage or label changes.
/// </summary>
public sealed class ProgressBar : IDisposable
{
    /// <summary>Inputs with at least this many values get a bar; smaller ones finish too fast to need it.</summary>
    public const long Threshold = 4_000_000;

    public const int Width = 30;

    private readonly TextWriter _writer;
    private readonly long _total;
    private long _done;
    private string _shown = "";

    private ProgressBar(TextWriter writer, long total)
    {
        _writer = writer;
        _total = Math.Max(1, total);
    }

    /// <summary>A bar for <paramref name="total"/> units of work when the input has at least <see cref="Threshold"/> values and stderr is a terminal; otherwise null.</summary>
    public static ProgressBar? StartIfUseful(long inputValues, long total) =>
        inputValues >= Threshold && !Console.IsErrorRedirected ? new ProgressBar(Console.Error, total) : null;

    /// <summary>A bar that always draws to <paramref name="writer"/> (for tests and callers that decided themselves).</summary>
    public static ProgressBar Start(TextWriter writer, long total) => new(writer, total);

    public void Advance(long units, string label)
    {
        _done = Math.Min(_total, _done + units);
        string line = Render((double)_done / _total, label);
        if (line == _shown)
            return;
        // Pad over the tail of a longer previous line (a longer label).
        _writer.Write('\r' + line.PadRight(_shown.Length));
        _shown = line;
        _writer.Flush();
    }

    /// <summary>"[#########.....................]  31% label".</summary>
    public static string Render(double fraction, string label)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        int filled = (int)Math.Floor(fraction * Width);
        int percent = (int)Math.Floor(fraction * 100);
        return $"[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {label}";
    }

    /// <summary>Erases the bar so the next output starts on a clean line.</summary>
    public void Dispose()
    {
        if (_shown.Length == 0)
            return;
        _writer.Write('\r' + new string(' ', _shown.Length) + '\r');
        _writer.Flush();
    }
}
