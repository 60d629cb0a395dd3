using System.Text.Json;

namespace Zfpe.Flow.Timing;

/// <summary>
/// The top module of a Yosys JSON netlist (the synthesis output the flow keeps, flattened by
/// synth_ecp5): cells by name and, for every net bit, the names that include it.
/// </summary>
public sealed class YosysNetlist
{
    private readonly Dictionary<string, YosysCell> cells;
    private readonly Dictionary<int, List<(YosysNetName Name, int Index)>> namesOfBit = [];

    private YosysNetlist(string topModule, Dictionary<string, YosysCell> cells, IReadOnlyList<YosysNetName> netNames)
    {
        TopModule = topModule;
        this.cells = cells;
        NetNames = netNames;
        foreach (var n in netNames)
            for (var i = 0; i < n.Bits.Count; i++)
            {
                if (n.Bits[i] < 0) continue;
                if (!namesOfBit.TryGetValue(n.Bits[i], out var list)) namesOfBit[n.Bits[i]] = list = [];
                list.Add((n, i));
            }
    }

    public string TopModule { get; }

    public IReadOnlyList<YosysNetName> NetNames { get; }

    /// <summary>Every cell, in the netlist's order.</summary>
    public IEnumerable<YosysCell> Cells => cells.Values;

    public YosysCell? Cell(string name) => cells.GetValueOrDefault(name);

    /// <summary>Every name that includes net bit <paramref name="bit"/>, with the bit's index in it.</summary>
    public IReadOnlyList<(YosysNetName Name, int Index)> NamesOf(int bit) =>
        namesOfBit.TryGetValue(bit, out var list) ? list : [];

    /// <summary>
    /// Reads the module <paramref name="topModule"/> (by default the one marked top) of a Yosys
    /// JSON netlist; throws <see cref="InvalidDataException"/> saying what is missing.
    /// </summary>
    public static YosysNetlist Parse(string json, string? topModule = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the Yosys netlist is not JSON: {e.Message}", e);
        }
        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("modules", out var modules) || modules.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException("the Yosys netlist has no \"modules\"");
            JsonProperty? top = null;
            foreach (var m in modules.EnumerateObject())
            {
                if (topModule is not null ? m.Name == topModule : IsTop(m.Value)) top = m;
            }
            if (top is not { } module)
                throw new InvalidDataException(topModule is null
                    ? "the Yosys netlist marks no module as top"
                    : $"the Yosys netlist has no module '{topModule}'");

            var cells = new Dictionary<string, YosysCell>(StringComparer.Ordinal);
            if (module.Value.TryGetProperty("cells", out var cellsJson))
                foreach (var c in cellsJson.EnumerateObject())
                {
                    var connections = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
                    if (c.Value.TryGetProperty("connections", out var conns))
                        foreach (var port in conns.EnumerateObject()) connections[port.Name] = Bits(port.Value);
                    var type = c.Value.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
                    cells[c.Name] = new YosysCell(c.Name, type, connections, Attribute(c.Value, "src"));
                }
            var names = new List<YosysNetName>();
            if (module.Value.TryGetProperty("netnames", out var netsJson))
                foreach (var n in netsJson.EnumerateObject())
                    names.Add(new YosysNetName(n.Name, n.Value.TryGetProperty("bits", out var b) ? Bits(b) : [],
                        Attribute(n.Value, "hdlname"), Attribute(n.Value, "src")));
            return new YosysNetlist(module.Name, cells, names);
        }
    }

    private static bool IsTop(JsonElement module) =>
        module.TryGetProperty("attributes", out var a) && a.TryGetProperty("top", out var top) &&
        (top.ValueKind == JsonValueKind.Number ? top.GetInt64() != 0 : top.GetString()?.TrimStart('0').Length > 0);

    private static string? Attribute(JsonElement element, string name) =>
        element.TryGetProperty("attributes", out var a) && a.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IReadOnlyList<int> Bits(JsonElement bits) =>
        bits.EnumerateArray().Select(b => b.ValueKind == JsonValueKind.Number ? b.GetInt32() : -1).ToList();
}
