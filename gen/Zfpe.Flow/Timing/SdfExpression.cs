namespace Zfpe.Flow.Timing;

/// <summary>
/// SDF's syntax: nested parenthesised lists of atoms (names, numbers, quoted strings). Only what
/// <see cref="SdfDelayFile"/> needs: the head word of a list, its atoms, its sub-lists, and the
/// line each list starts on for error messages.
/// </summary>
internal sealed class SdfExpression
{
    private static readonly List<SdfExpression> NoItems = [];

    private SdfExpression(string? atom, List<SdfExpression>? items, int line)
    {
        Atom = atom;
        Items = items ?? NoItems;
        Line = line;
    }

    /// <summary>The text of an atom; null for a list.</summary>
    public string? Atom { get; }

    /// <summary>The elements of a list (empty for an atom).</summary>
    public IReadOnlyList<SdfExpression> Items { get; }

    public int Line { get; }

    /// <summary>The first element of a list when it is a word: DELAYFILE, CELL, IOPATH, ...</summary>
    public string? Head => Items.Count > 0 ? Items[0].Atom : null;

    public IEnumerable<SdfExpression> Lists => Items.Where(i => i.Atom is null);

    public IEnumerable<string> Atoms => Items.Where(i => i.Atom is not null).Select(i => i.Atom!);

    public SdfExpression? Child(string head) => Lists.FirstOrDefault(l => l.Head == head);

    public static SdfExpression Parse(string text)
    {
        var stack = new Stack<(List<SdfExpression> Items, int Line)>();
        SdfExpression? root = null;
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c)) i++;
            else if (c == '(')
            {
                if (root is not null) throw new InvalidDataException($"SDF line {line}: text after the end of the file's top-level list");
                stack.Push(([], line));
                i++;
            }
            else if (c == ')')
            {
                if (stack.Count == 0) throw new InvalidDataException($"SDF line {line}: ')' without a matching '('");
                var (items, start) = stack.Pop();
                var list = new SdfExpression(null, items, start);
                if (stack.Count == 0) root = list;
                else stack.Peek().Items.Add(list);
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n') i++; // a // comment
            }
            else
            {
                var start = i;
                if (c == '"')
                {
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\n') line++;
                        i++;
                    }
                    i++;
                }
                else
                {
                    while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')'))
                        i += text[i] == '\\' && i + 1 < text.Length ? 2 : 1;
                }
                if (stack.Count == 0) throw new InvalidDataException($"SDF line {line}: text outside of any list");
                stack.Peek().Items.Add(new SdfExpression(text[start..Math.Min(i, text.Length)], null, line));
            }
        }
        if (stack.Count > 0) throw new InvalidDataException($"SDF: the list opened on line {stack.Peek().Line} is never closed (truncated file?)");
        return root ?? throw new InvalidDataException("SDF: the file is empty");
    }
}
