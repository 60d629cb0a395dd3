using System.Text.Json;
using Zfpe.Flow.Timing;

namespace Zfpe.Flow;

/// <summary>What nextpnr's --report JSON says: bel utilisation, the Fmax of every clock, and its critical paths.</summary>
public sealed record PlaceAndRouteStatistics(IReadOnlyList<ResourceUse> Utilisation, IReadOnlyList<ClockTiming> Clocks)
{
    /// <summary>nextpnr's one critical path per pair of clock edges (empty when the report has none).</summary>
    public IReadOnlyList<NextpnrCriticalPath> CriticalPaths { get; init; } = [];

    public static PlaceAndRouteStatistics Parse(string reportJson)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(reportJson);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the nextpnr report is not JSON: {e.Message}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (!root.TryGetProperty("utilization", out var util) || !root.TryGetProperty("fmax", out var fmax))
                throw new InvalidDataException("the nextpnr report has no \"utilization\" or \"fmax\" section; is nextpnr older than its --report option?");
            var resources = util.EnumerateObject()
                .Select(p => new ResourceUse(p.Name, p.Value.GetProperty("used").GetInt64(), p.Value.GetProperty("available").GetInt64()))
                .OrderBy(r => r.Resource, StringComparer.Ordinal)
                .ToList();
            var clocks = fmax.EnumerateObject()
                .Select(p => new ClockTiming(p.Name, p.Value.GetProperty("achieved").GetDouble(), p.Value.GetProperty("constraint").GetDouble()))
                .OrderBy(c => c.Clock, StringComparer.Ordinal)
                .ToList();
            var paths = root.TryGetProperty("critical_paths", out var critical) && critical.ValueKind == JsonValueKind.Array
                ? critical.EnumerateArray().Select(CriticalPath).ToList()
                : [];
            return new PlaceAndRouteStatistics(resources, clocks) { CriticalPaths = paths };
        }
    }

    private static NextpnrCriticalPath CriticalPath(JsonElement path)
    {
        var steps = path.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.Array ? p.EnumerateArray().ToList() : [];
        var delay = steps.Sum(s => s.TryGetProperty("delay", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : 0);
        // The start is the driver of the first routed net (the clock-to-output step's "from" is not reliable in nextpnr 0.7).
        var start = steps.FirstOrDefault(s => Text(s, "type") == "routing") is { ValueKind: JsonValueKind.Object } net ? Pin(net, "from") : null;
        var end = steps.LastOrDefault(s => Text(s, "type") == "setup") is { ValueKind: JsonValueKind.Object } setup ? Pin(setup, "to") : null;
        return new NextpnrCriticalPath(Text(path, "from") ?? "?", Text(path, "to") ?? "?", delay, start, end);
    }

    private static TimingPin? Pin(JsonElement step, string side) =>
        step.TryGetProperty(side, out var s) && Text(s, "cell") is { } cell && Text(s, "port") is { } port ? new TimingPin(cell, port) : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
