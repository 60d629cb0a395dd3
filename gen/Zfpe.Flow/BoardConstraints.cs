using System.Reflection;
using System.Text.RegularExpressions;
using Zfpe.Hdl.Emit;

namespace Zfpe.Flow;

/// <summary>
/// A board's pin constraints (an LPF file) indexed by port bit, so that the flow can check that a
/// design's top-level ports are all placed on pins and write an LPF with only the ports the design
/// has. Port bits are named as nextpnr names them: "clk_25mhz" for a 1-bit port, "led[3]" for
/// bit 3 of a vector. A port bit counts as constrained when the LPF gives it a site (LOCATE).
/// </summary>
public sealed partial class BoardConstraints
{
    /// <summary>The ULX3S constraints shipped in constraints/ (embedded in this assembly).</summary>
    public const string Ulx3sFileName = "ulx3s_v20.lpf";

    private readonly Dictionary<string, List<string>> _statementsByPort;
    private readonly HashSet<string> _located;

    private BoardConstraints(string sourceName, string text, List<string> globals, Dictionary<string, List<string>> byPort, HashSet<string> located)
    {
        SourceName = sourceName;
        Text = text;
        GlobalStatements = globals;
        _statementsByPort = byPort;
        _located = located;
    }

    /// <summary>Where the constraints came from (a file name), for messages and the manifest.</summary>
    public string SourceName { get; }

    /// <summary>The LPF text as read.</summary>
    public string Text { get; }

    /// <summary>Statements that apply to the whole design (BLOCK, SYSCONFIG, ...).</summary>
    public IReadOnlyList<string> GlobalStatements { get; }

    /// <summary>Every port bit that has a site, in file order.</summary>
    public IReadOnlyList<string> ConstrainedPortBits => _statementsByPort.Keys.Where(_located.Contains).ToList();

    public static BoardConstraints Ulx3s()
    {
        var resource = "Zfpe.Flow.Constraints." + Ulx3sFileName;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the board constraints {Ulx3sFileName} are not embedded (resource {resource})");
        using var reader = new StreamReader(stream);
        return Parse(Ulx3sFileName, reader.ReadToEnd());
    }

    public static BoardConstraints Load(string path) => Parse(Path.GetFileName(path), File.ReadAllText(path));

    /// <summary>Parses LPF text: statements end with ';', comments start with '#' or '//'.</summary>
    public static BoardConstraints Parse(string sourceName, string text)
    {
        var globals = new List<string>();
        var byPort = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var located = new HashSet<string>(StringComparer.Ordinal);
        var pending = "";
        foreach (var rawLine in text.Split('\n'))
        {
            var line = StripComment(rawLine).Trim();
            if (line.Length == 0) continue;
            pending = pending.Length == 0 ? line : pending + " " + line;
            int end;
            while ((end = pending.IndexOf(';')) >= 0)
            {
                var statement = pending[..end].Trim();
                pending = pending[(end + 1)..].Trim();
                if (statement.Length == 0) continue;
                var normalised = WhiteSpace().Replace(statement, " ") + ";";
                var port = PortOf(statement);
                if (port is null)
                {
                    globals.Add(normalised);
                    continue;
                }
                if (!byPort.TryGetValue(port, out var list)) byPort[port] = list = [];
                list.Add(normalised);
                if (statement.StartsWith("LOCATE", StringComparison.OrdinalIgnoreCase)) located.Add(port);
            }
        }
        if (pending.Length > 0)
            throw new InvalidDataException($"{sourceName}: the statement '{pending}' at the end of the file has no closing ';'");
        return new BoardConstraints(sourceName, text, globals, byPort, located);
    }

    /// <summary>The port bits of <paramref name="design"/>'s top module, as nextpnr names them.</summary>
    public static IReadOnlyList<string> PortBits(EmittedDesign design) =>
        design.TopPorts.SelectMany(p => p.Width == 1 ? [p.Name] : Enumerable.Range(0, p.Width).Select(i => $"{p.Name}[{i}]")).ToList();

    /// <summary>
    /// The design's port bits that have no site in these constraints, grouped for reading:
    /// "led[8]", "dbg[0..3]", "uart_tx".
    /// </summary>
    public IReadOnlyList<string> MissingPorts(EmittedDesign design)
    {
        var missing = new List<string>();
        foreach (var port in design.TopPorts)
        {
            if (port.Width == 1)
            {
                if (!_located.Contains(port.Name)) missing.Add(port.Name);
                continue;
            }
            var bits = Enumerable.Range(0, port.Width).Where(i => !_located.Contains($"{port.Name}[{i}]")).ToList();
            if (bits.Count == port.Width) missing.Add($"{port.Name}[0..{port.Width - 1}]");
            else missing.AddRange(bits.Select(i => $"{port.Name}[{i}]"));
        }
        return missing;
    }

    /// <summary>Throws <see cref="UnconstrainedPortsException"/> naming every port bit without a pin.</summary>
    public void Check(EmittedDesign design)
    {
        var missing = MissingPorts(design);
        if (missing.Count > 0) throw new UnconstrainedPortsException(design.TopModule, SourceName, missing, SignalSummary());
    }

    /// <summary>The LPF for <paramref name="design"/>: the global statements and the lines of the ports it has.</summary>
    public string RenderFor(EmittedDesign design)
    {
        Check(design);
        var ports = design.TopPorts.Select(p => new
        {
            name = p.Width == 1 ? p.Name : $"{p.Name}[{p.Width - 1}:0]",
            lines = (p.Width == 1 ? [p.Name] : Enumerable.Range(0, p.Width).Select(i => $"{p.Name}[{i}]"))
                .SelectMany(bit => _statementsByPort[bit]).ToList(),
        }).ToList();
        return FlowTemplates.Render("design.lpf", new { top = design.TopModule, source = SourceName, globals = GlobalStatements, ports });
    }

    /// <summary>The board's signals, vectors folded ("led[0..7]"), for error messages.</summary>
    public string SignalSummary()
    {
        var groups = new List<(string Name, int Count)>();
        foreach (var bit in ConstrainedPortBits)
        {
            var m = BitName().Match(bit);
            var name = m.Success ? m.Groups[1].Value : bit;
            if (groups.Count > 0 && groups[^1].Name == name && m.Success) groups[^1] = (name, groups[^1].Count + 1);
            else groups.Add((name, m.Success ? 1 : 0));
        }
        return string.Join(", ", groups.Select(g => g.Count == 0 ? g.Name : $"{g.Name}[0..{g.Count - 1}]"));
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#');
        if (hash >= 0) line = line[..hash];
        var slashes = line.IndexOf("//", StringComparison.Ordinal);
        return slashes >= 0 ? line[..slashes] : line;
    }

    private static string? PortOf(string statement)
    {
        var m = PortStatement().Match(statement);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("""^(?:LOCATE\s+COMP|IOBUF\s+PORT|FREQUENCY\s+PORT)\s+"?([^"\s]+)"?""", RegexOptions.IgnoreCase)]
    private static partial Regex PortStatement();

    [GeneratedRegex(@"^(.+)\[(\d+)\]$")]
    private static partial Regex BitName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
