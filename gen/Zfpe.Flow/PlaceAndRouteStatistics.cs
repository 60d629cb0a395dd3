using System.Text.Json;

namespace Zfpe.Flow;

/// <summary>What nextpnr's --report JSON says: bel utilisation and the Fmax of every clock.</summary>
public sealed record PlaceAndRouteStatistics(IReadOnlyList<ResourceUse> Utilisation, IReadOnlyList<ClockTiming> Clocks)
{
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
            return new PlaceAndRouteStatistics(resources, clocks);
        }
    }
}
