namespace Zfpe.Cli.Presentation;

/// <summary>A table as Markdown (header, separator, rows), the form the README pastes.</summary>
public static class MarkdownTable
{
    public static string Render(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var lines = new List<string> { Line(header), Line(header.Select(_ => "---").ToList()) };
        lines.AddRange(rows.Select(Line));
        return string.Join("\n", lines) + "\n";
    }

    private static string Line(IReadOnlyList<string> cells) => $"| {string.Join(" | ", cells)} |";
}
