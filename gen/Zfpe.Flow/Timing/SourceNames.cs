using Zfpe.Hdl.Emit;

namespace Zfpe.Flow.Timing;

/// <summary>
/// Names placed cells and nets as the C# source does. A nextpnr cell is traced to the Yosys cell
/// it was packed from (nextpnr keeps Yosys's names and appends <c>$CCU2_COMB0</c>,
/// <c>$DPRAM_COMB1</c>, ... when it splits a cell), a pin to the net bit on the matching Yosys
/// port, a net bit to the best of the names Yosys kept for it (a declared register before a wire,
/// before a port, before an expression part; the innermost module first), and a cell to the
/// Verilog line of its <c>src</c> in the innermost module. The design's source map (the emitter's
/// sourcemap.json) turns Verilog names and lines into C# locations; without one, names are those
/// of the Verilog sources and carry no C# location.
/// </summary>
public sealed class SourceNames
{
    private readonly YosysNetlist netlist;
    private readonly DesignSourceMap? map;
    private readonly string? verilogDirectory;
    private readonly Dictionary<string, string[]?> verilogLines = new(StringComparer.Ordinal);
    private readonly Dictionary<int, SourceSignal?> signalOfBit = [];

    public SourceNames(YosysNetlist netlist, DesignSourceMap? map, string? verilogDirectory)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        this.netlist = netlist;
        this.map = map;
        this.verilogDirectory = verilogDirectory;
    }

    public bool HasSourceMap => map is not null;

    /// <summary>The Yosys cell a nextpnr cell was packed from, and the suffix nextpnr added; null for cells nextpnr made (<c>$nextpnr_CCU2C_29</c>).</summary>
    public (YosysCell Cell, string Suffix)? YosysCellOf(string nextpnrCell)
    {
        var name = nextpnrCell;
        while (true)
        {
            if (netlist.Cell(name) is { } cell) return (cell, nextpnrCell[name.Length..]);
            var dollar = name.LastIndexOf('$');
            if (dollar <= 0) return null;
            name = name[..dollar];
        }
    }

    /// <summary>The Yosys net bit on a nextpnr pin, where the packing is known (LUT, carry, flip-flop, block RAM ports).</summary>
    public int? NetBit(TimingPin pin)
    {
        if (YosysCellOf(pin.Cell) is not var (cell, suffix)) return null;
        var port = YosysPort(cell.Type, suffix, pin.Pin);
        return port is not null && cell.Connections.TryGetValue(port, out var bits) && bits.Count == 1 && bits[0] >= 0 ? bits[0] : null;
    }

    private static string? YosysPort(string type, string suffix, string pin)
    {
        if (suffix is "$CCU2_COMB0" or "$CCU2_COMB1")
        {
            var half = suffix[^1];
            return pin switch
            {
                "A" or "B" or "C" or "D" => pin + half,
                "F" => "S" + half,
                "FCI" => half == '0' ? "CIN" : null,
                "FCO" => half == '1' ? "COUT" : null,
                _ => null,
            };
        }
        // A distributed RAM's halves share its write port; its other pins and I/O halves do not map one to one.
        if (suffix.StartsWith("$DPRAM_COMB", StringComparison.Ordinal) || suffix == "$RAMW_SLICE")
            return pin is "WCK" or "WRE" or "WAD0" or "WAD1" or "WAD2" or "WAD3" ? pin : null;
        if (suffix.Length > 0) return null;
        if (type == "LUT4") return pin switch { "A" or "B" or "C" or "D" => pin, "F" => "Z", _ => null };
        return pin;
    }

    /// <summary>The best user-visible name of a net bit, or null when synthesis kept none.</summary>
    public SourceSignal? SignalOf(int bit)
    {
        if (signalOfBit.TryGetValue(bit, out var known)) return known;
        SourceSignal? best = null;
        var bestKey = (Rank: int.MaxValue, Depth: 0, Name: "");
        foreach (var (name, i) in netlist.NamesOf(bit))
        {
            if (Resolve(name, i) is not { } signal) continue;
            var depth = signal.Instance.Length == 0 ? 0 : signal.Instance.Count(c => c == '.') + 1;
            var rank = signal.Kind is null ? Rank(null) + DeclarationRank(name.Source, signal.Name) : Rank(signal.Kind);
            var key = (rank, -depth, signal.ToString());
            if (best is null || key.CompareTo(bestKey) < 0)
            {
                best = signal;
                bestKey = (key.Item1, key.Item2, key.Item3);
            }
        }
        return signalOfBit[bit] = best;
    }

    private static int Rank(SourceMapSignalKind? kind) => kind switch
    {
        SourceMapSignalKind.Register or SourceMapSignalKind.MemoryReadData => 0,
        SourceMapSignalKind.Wire => 1,
        SourceMapSignalKind.Output => 2,
        SourceMapSignalKind.Input => 3,
        SourceMapSignalKind.ExpressionPart => 4,
        SourceMapSignalKind.InstancePort => 5,
        _ => 6,
    };

    /// <summary>
    /// Without a source map, how a name is declared in the Verilog (its src line): a reg before a
    /// wire, before an output, before an input, so that a register is named as such, not by the
    /// ports it reaches.
    /// </summary>
    private int DeclarationRank(string? src, string signal)
    {
        foreach (var entry in SourceEntries(src).Where(e => !IsLibrary(e.File)))
        {
            var text = VerilogLine(entry.File, entry.Line);
            if (text is null || !System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{System.Text.RegularExpressions.Regex.Escape(signal)}\b")) continue;
            var words = text.TrimStart().Split(' ', 2);
            return words[0] switch { "reg" => 0, "wire" => 1, "output" => 2, "input" => 3, _ => 4 };
        }
        return 4;
    }

    private SourceSignal? Resolve(YosysNetName net, int bit)
    {
        string instance, signal;
        ModuleSourceMap? module;
        if (net.HdlName is { } hdl)
        {
            var parts = hdl.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) return null;
            instance = string.Join('.', parts[..^1]);
            signal = parts[^1];
            module = ModuleAt(parts[..^1]);
        }
        else
        {
            (instance, module, signal) = Split(net.Name);
        }
        var width = net.Bits.Count;
        if (module?.Signal(signal) is { } declared)
            return new SourceSignal(instance, signal, declared.Width > 1 ? bit : null, declared.Kind, declared.Source, declared.PartOf);
        if (module is not null || signal.StartsWith('$') || !IsDesignSource(net.Source)) return null;
        // No source map for this module: a name from the Verilog sources, without a C# location.
        return new SourceSignal(instance, signal, width > 1 ? bit : null, null, null);
    }

    /// <summary>The plainest name of a net bit (the least hierarchical, then the shortest): how a clock net is named.</summary>
    public string? ClockNetName(int bit) =>
        netlist.NamesOf(bit).Select(n => n.Name.Name)
            .OrderBy(n => n.Count(c => c == '.')).ThenBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>
    /// Splits a flattened name (<c>link.decompressor.inverse_fixed_point_0.exponent_base_TRELLIS_FF_Q_8</c>)
    /// into the instance path the source map knows, that instance's module, and the rest.
    /// </summary>
    public (string Instance, ModuleSourceMap? Module, string Remainder) Split(string flatName)
    {
        var module = map?.Module(map.TopModule);
        var parts = flatName.Split('.');
        var depth = 0;
        while (module is not null && depth < parts.Length - 1 && module.Instance(parts[depth]) is { } child)
        {
            module = map!.Module(child.Module);
            depth++;
            if (module is null) break;
        }
        return (string.Join('.', parts[..depth]), module, string.Join('.', parts[depth..]));
    }

    private ModuleSourceMap? ModuleAt(IEnumerable<string> instancePath)
    {
        var module = map?.Module(map.TopModule);
        foreach (var name in instancePath)
        {
            if (module?.Instance(name) is not { } child) return null;
            module = map!.Module(child.Module);
        }
        return module;
    }

    /// <summary>The memory a block RAM or distributed RAM cell implements, named as the C# names it.</summary>
    public SourceSignal? MemoryOf(string yosysCell)
    {
        var (instance, module, rest) = Split(yosysCell);
        var name = rest.Split('.')[0];
        if (module?.Signal(name) is { Kind: SourceMapSignalKind.Memory } memory)
            return new SourceSignal(instance, name, null, SourceMapSignalKind.Memory, memory.Source);
        return null;
    }

    /// <summary>Where a Yosys cell came from, in the innermost module that made it; null when its src names no design file.</summary>
    public SourcePlace? PlaceOf(YosysCell cell)
    {
        var entries = SourceEntries(cell.Source).Where(e => !IsLibrary(e.File)).ToList();
        if (entries.Count == 0) return null;
        var (instance, module, _) = Split(cell.Name);
        // The innermost module's entry; without a source map, the smallest place (instance statements span lines).
        var entry = entries.FirstOrDefault(e => module is not null && FileName(e.File) == module.FileName);
        if (entry.File is null)
            entry = entries.OrderBy(e => e.EndLine - e.Line).ThenBy(e => e.EndColumn - e.Column).First();
        var line = module?.Line(entry.Line)
            ?? module?.Lines.FirstOrDefault(l => l.Line > entry.Line && l.Line <= entry.EndLine);
        return new SourcePlace(instance, FileName(entry.File), entry.Line, Excerpt(entry), line?.Source, line?.Kind, line?.Target);
    }

    private string? Excerpt((string File, int Line, int Column, int EndLine, int EndColumn) entry)
    {
        if (verilogDirectory is null || entry.Line != entry.EndLine || entry.Column < 1 || entry.EndColumn <= entry.Column) return null;
        var text = VerilogLine(entry.File, entry.Line);
        if (text is null || entry.EndColumn - 1 > text.Length) return null;
        return string.Join(' ', text[(entry.Column - 1)..(entry.EndColumn - 1)].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Line <paramref name="line"/> (from 1) of a Verilog file of the design, or null when it cannot be read.</summary>
    private string? VerilogLine(string file, int line)
    {
        if (verilogDirectory is null) return null;
        var name = FileName(file);
        if (!verilogLines.TryGetValue(name, out var lines))
        {
            var path = Path.Combine(verilogDirectory, name);
            verilogLines[name] = lines = File.Exists(path) ? File.ReadAllLines(path) : null;
        }
        return lines is not null && line >= 1 && line <= lines.Length ? lines[line - 1] : null;
    }

    /// <summary>The entries of a Yosys src attribute: <c>file:line.col-line.col</c>, <c>|</c>-separated.</summary>
    public static IReadOnlyList<(string File, int Line, int Column, int EndLine, int EndColumn)> SourceEntries(string? src)
    {
        var result = new List<(string, int, int, int, int)>();
        foreach (var part in (src ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0) continue;
            var range = part[(colon + 1)..].Split('-');
            var (line, column) = Position(range[0]);
            var (endLine, endColumn) = range.Length > 1 ? Position(range[1]) : (line, column);
            if (line > 0) result.Add((part[..colon], line, column, endLine, endColumn));
        }
        return result;

        static (int, int) Position(string text)
        {
            var dot = text.Split('.');
            return (int.TryParse(dot[0], out var l) ? l : 0, dot.Length > 1 && int.TryParse(dot[1], out var c) ? c : 0);
        }
    }

    /// <summary>A src that points only into the design's own files (not Yosys's cell libraries).</summary>
    private static bool IsDesignSource(string? src)
    {
        var entries = SourceEntries(src);
        return entries.Count > 0 && entries.All(e => !IsLibrary(e.File));
    }

    private static bool IsLibrary(string file) => file.Contains("/share/yosys/", StringComparison.Ordinal) || file.StartsWith("<", StringComparison.Ordinal);

    private static string FileName(string path) => path.Replace('\\', '/').Split('/')[^1];
}
