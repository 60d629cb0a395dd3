using System.Text;

namespace Zfpe.Hdl.Emit;

/// <summary>
/// Collects the statement lines of a module while its text is built in parts (declarations, logic,
/// instances), as offsets into those parts, and turns them into line numbers once the parts have
/// their place in the module's text.
/// </summary>
internal sealed class SourceMapRecorder
{
    private readonly List<(StringBuilder Part, int Offset, SourceLocation Source, SourceMapStatement Kind, string? Target)> marks = [];

    /// <summary>
    /// Marks the line about to be appended to <paramref name="part"/> (or the line at
    /// <paramref name="ahead"/> characters into what is about to be appended).
    /// </summary>
    public void Mark(StringBuilder part, SourceLocation source, SourceMapStatement kind, string? target, int ahead = 0) =>
        marks.Add((part, part.Length + ahead, source, kind, target));

    /// <summary>
    /// The marked lines, numbered from 1 in <paramref name="text"/>, where each part starts at the
    /// offset <paramref name="partStart"/> gives, counted from <paramref name="origin"/>. One entry
    /// per line (the first mark wins), in order.
    /// </summary>
    public IReadOnlyList<SourceMapLine> Resolve(string text, IReadOnlyDictionary<StringBuilder, int> partStart, int origin)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') lineStarts.Add(i + 1);
        var lines = new SortedDictionary<int, SourceMapLine>();
        foreach (var (part, offset, source, kind, target) in marks)
        {
            if (!partStart.TryGetValue(part, out var start))
                throw new InvalidOperationException("internal: a source map mark refers to a part that is not in the module text");
            var position = origin + start + offset;
            var index = lineStarts.BinarySearch(position);
            var line = (index >= 0 ? index : ~index - 1) + 1;
            lines.TryAdd(line, new SourceMapLine(line, source.ToString(), kind, target));
        }
        return lines.Values.ToList();
    }
}
