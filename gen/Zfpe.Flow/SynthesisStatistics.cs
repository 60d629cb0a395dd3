using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Zfpe.Flow;

/// <summary>
/// What Yosys's synth_ecp5 produced: cell counts (from `stat -json`) and the logic depth (from
/// `ltp -noff`, the one text output the flow parses, because ltp has no JSON form).
/// </summary>
public sealed partial record SynthesisStatistics(
    IReadOnlyDictionary<string, long> CellsByType,
    long TotalCells,
    int? LogicDepth,
    string? LogicDepthEnd)
{
    /// <summary>
    /// LUT4 sites used: each LUT4, two per CCU2C (a carry cell occupies both LUTs of a slice),
    /// six per TRELLIS_DPR16X4 (a 16x4 distributed RAM takes three slices).
    /// </summary>
    public long Lut4 => Count("LUT4") + 2 * Count("CCU2C") + 6 * Count("TRELLIS_DPR16X4");
    public long FlipFlops => Count("TRELLIS_FF");
    public long BlockRams => Count("DP16KD");
    public long Multipliers => Count("MULT18X18D");
    public long Plls => Count("EHXPLLL");
    public long CarryCells => Count("CCU2C");

    public long Count(string cellType) => CellsByType.TryGetValue(cellType, out var n) ? n : 0;

    /// <summary>The counts against <paramref name="device"/>'s capacity.</summary>
    public IReadOnlyList<ResourceUse> Resources(EcpDevice device) =>
    [
        new("LUT4", Lut4, device.Lut4),
        new("TRELLIS_FF", FlipFlops, device.FlipFlops),
        new("DP16KD", BlockRams, device.BlockRams),
        new("MULT18X18D", Multipliers, device.Multipliers),
        new("EHXPLLL", Plls, device.Plls),
    ];

    /// <summary>Parses `stat -json` output and, when given, `ltp` output.</summary>
    public static SynthesisStatistics Parse(string statJson, string? ltpText)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(statJson);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Yosys stat -json output is not JSON: {e.Message}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            // "design" totals the hierarchy; older Yosys versions only list "modules".
            JsonElement[] scopes = root.TryGetProperty("design", out var design)
                ? [design]
                : root.TryGetProperty("modules", out var modules) ? modules.EnumerateObject().Select(m => m.Value).ToArray() : [];
            if (scopes.Length == 0)
                throw new InvalidDataException("Yosys stat -json output has neither \"design\" nor \"modules\"");
            var cells = new SortedDictionary<string, long>(StringComparer.Ordinal);
            long total = 0;
            foreach (var scope in scopes)
            {
                if (scope.TryGetProperty("num_cells", out var n)) total += n.GetInt64();
                if (!scope.TryGetProperty("num_cells_by_type", out var byType)) continue;
                foreach (var c in byType.EnumerateObject())
                    cells[c.Name] = (cells.TryGetValue(c.Name, out var v) ? v : 0) + c.Value.GetInt64();
            }
            var (depth, end) = ParseLogicDepth(ltpText);
            return new SynthesisStatistics(cells, total, depth, end);
        }
    }

    /// <summary>The largest "Longest topological path in M (length=N)" and the net the path ends at.</summary>
    public static (int? Depth, string? End) ParseLogicDepth(string? ltpText)
    {
        if (string.IsNullOrWhiteSpace(ltpText)) return (null, null);
        int? best = null;
        string? end = null;
        var lines = ltpText.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var m = LongestPath().Match(lines[i]);
            if (!m.Success) continue;
            var length = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            string? last = null;
            for (var j = i + 1; j < lines.Length; j++)
            {
                var step = PathStep().Match(lines[j]);
                if (!step.Success) break;
                last = step.Groups[1].Value.Trim();
            }
            if (best is null || length > best)
            {
                best = length;
                end = last;
            }
        }
        return (best, end);
    }

    [GeneratedRegex(@"Longest topological path in \S+ \(length=(\d+)\)")]
    private static partial Regex LongestPath();

    [GeneratedRegex(@"^\s*\d+:\s+(.*)$")]
    private static partial Regex PathStep();
}
