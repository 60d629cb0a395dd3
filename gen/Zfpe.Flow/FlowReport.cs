using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Zfpe.Flow.Timing;

namespace Zfpe.Flow;

/// <summary>
/// One report over a flow run: Yosys's cell counts against the device, the logic depth,
/// nextpnr's utilisation and Fmax per clock against the target, the worst timing paths of clocks
/// that fail or nearly fail (named as the C# source names them), every stage's status, and a
/// verdict. Written as report.json and as the table in report.txt.
/// </summary>
public sealed record FlowReport(
    string Design,
    string TopModule,
    EcpDevice Device,
    double TargetMhz,
    int Seed,
    FlowTarget Target,
    SynthesisStatistics? Synthesis,
    PlaceAndRouteStatistics? PlaceAndRoute,
    IReadOnlyList<string> UnconstrainedPorts,
    IReadOnlyList<StageRecord> Stages)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The worst timing paths after place and route (null before it; without clocks when all meet their target with room).</summary>
    public TimingReport? Timing { get; init; }

    /// <summary>Yosys's counts against the device (empty before synthesis).</summary>
    public IReadOnlyList<ResourceUse> SynthesisResources => Synthesis?.Resources(Device) ?? [];

    /// <summary>Why the verdict is not Pass, one sentence each.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            var problems = new List<string>();
            var resources = PlaceAndRoute?.Utilisation ?? SynthesisResources;
            foreach (var r in resources.Where(r => !r.Fits))
                problems.Add(F("{0}: {1} used, the {2} has {3} ({4:0.#} %)", r.Resource, r.Used, Device.PartNumber, r.Available, r.Percent));
            foreach (var c in PlaceAndRoute?.Clocks.Where(c => !c.Met) ?? [])
                problems.Add(F("clock {0}: Fmax {1:0.00} MHz is below its {2:0.00} MHz constraint", c.Clock, c.AchievedMhz, c.ConstraintMhz));
            foreach (var s in Stages.Where(s => s.Status is StageStatus.MissingTool or StageStatus.Failed))
                problems.Add($"stage {s.Stage}: {(s.Status == StageStatus.MissingTool ? "tool missing" : "failed")} ({s.Detail})");
            return problems;
        }
    }

    /// <summary>
    /// Remarks that do not change the verdict: nextpnr judges each clock against its own
    /// constraint (an LPF FREQUENCY, a PLL's derived output, or --freq for the rest), so a PLL
    /// built for another frequency than --freq is pointed out here rather than failed.
    /// </summary>
    public IReadOnlyList<string> Notes
    {
        get
        {
            if (PlaceAndRoute is not { Clocks.Count: > 0 } pnr) return [];
            if (pnr.Clocks.Any(c => Math.Abs(c.ConstraintMhz - TargetMhz) <= TargetMhz * 0.005)) return [];
            return [F("no clock is constrained at the {0:0.###} MHz target: the clocks run at {1} (an LPF FREQUENCY or the design's PLL sets them; --freq applies only to clocks nothing else constrains)",
                TargetMhz, string.Join(", ", pnr.Clocks.Select(c => F("{0} {1:0.###} MHz", c.Clock, c.ConstraintMhz))))];
        }
    }

    public FlowVerdict Verdict
    {
        get
        {
            var resources = PlaceAndRoute?.Utilisation ?? SynthesisResources;
            var doesNotFit = resources.Any(r => !r.Fits);
            var missesTiming = PlaceAndRoute?.Clocks.Any(c => !c.Met) ?? false;
            if (doesNotFit || missesTiming) return FlowVerdict.Fail;
            var stopped = Stages.Any(s => s.Status is StageStatus.MissingTool or StageStatus.Failed);
            var complete = Target == FlowTarget.Synthesis ? Synthesis is not null : PlaceAndRoute is not null && Stages.Any(s => s.Stage == "pack" && s.Status is StageStatus.Ran or StageStatus.Reused);
            return stopped || !complete ? FlowVerdict.Incomplete : FlowVerdict.Pass;
        }
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        Design,
        TopModule,
        Device = new { Device.Name, Device.PartNumber, Package = EcpDevice.Package, Speed = EcpDevice.SpeedGrade },
        TargetMhz,
        Seed,
        Target,
        Verdict,
        Problems,
        Notes,
        Synthesis = Synthesis is null ? null : new
        {
            Synthesis.CellsByType,
            Synthesis.TotalCells,
            Synthesis.Lut4,
            Synthesis.FlipFlops,
            Synthesis.BlockRams,
            Synthesis.Multipliers,
            Synthesis.Plls,
            Synthesis.CarryCells,
            Synthesis.LogicDepth,
            Synthesis.LogicDepthEnd,
            Resources = SynthesisResources.Select(ResourceJson),
        },
        PlaceAndRoute = PlaceAndRoute is null ? null : new
        {
            Utilisation = PlaceAndRoute.Utilisation.Select(ResourceJson),
            Clocks = PlaceAndRoute.Clocks.Select(c => new { c.Clock, c.AchievedMhz, c.ConstraintMhz, c.Met }),
        },
        Timing = Timing?.ToJsonModel(),
        UnconstrainedPorts,
        Stages,
    }, Json);

    /// <summary>The readable table of report.txt.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.AppendLine(F("{0} (top {1}) on {2} {3} speed {4}, target {5:0.###} MHz, seed {6}",
            Design, TopModule, Device.PartNumber, EcpDevice.Package, EcpDevice.SpeedGrade, TargetMhz, Seed));
        sb.AppendLine();
        if (Synthesis is not null)
        {
            sb.AppendLine("after synthesis (Yosys synth_ecp5)");
            AppendResources(sb, SynthesisResources);
            if (Synthesis.CarryCells > 0)
                sb.AppendLine(F("  (LUT4 counts each of the {0} CCU2C carry cells as two)", Synthesis.CarryCells));
            var others = Synthesis.CellsByType.Where(c => c.Key is not ("LUT4" or "CCU2C" or "TRELLIS_FF" or "DP16KD" or "MULT18X18D" or "EHXPLLL")).ToList();
            if (others.Count > 0)
                sb.AppendLine("  other cells: " + string.Join(", ", others.Select(c => $"{c.Key} {c.Value}")));
            sb.AppendLine(Synthesis.LogicDepth is { } depth
                ? F("  logic depth: {0} cells on the longest register-to-register path{1}", depth, Synthesis.LogicDepthEnd is { } end ? $" (ends at {end})" : "")
                : "  logic depth: not measured");
            sb.AppendLine();
        }
        if (PlaceAndRoute is not null)
        {
            sb.AppendLine("after place and route (nextpnr-ecp5)");
            AppendResources(sb, PlaceAndRoute.Utilisation.Where(r => r.Used > 0).ToList());
            sb.AppendLine();
            sb.AppendLine(F("  {0,-40} {1,12} {2,12}  {3}", "clock", "Fmax", "constraint", ""));
            foreach (var c in PlaceAndRoute.Clocks)
                sb.AppendLine(F("  {0,-40} {1,8:0.00} MHz {2,8:0.00} MHz  {3}", c.Clock, c.AchievedMhz, c.ConstraintMhz, c.Met ? "met" : "FAILED"));
            if (PlaceAndRoute.Clocks.Count == 0) sb.AppendLine("  (no clocked logic)");
            sb.AppendLine();
        }
        if (Timing?.ToText() is { Length: > 0 } timing) sb.AppendLine(timing);
        if (UnconstrainedPorts.Count > 0)
            sb.AppendLine("ports without a pin on the board: " + string.Join(", ", UnconstrainedPorts)).AppendLine();
        sb.AppendLine("stages");
        foreach (var s in Stages)
            sb.AppendLine(F("  {0,-12} {1,-13} {2,-12} {3,7:0.0} s  {4}", s.Stage, s.Tool, s.Status, s.Seconds, s.Detail ?? ""));
        sb.AppendLine();
        sb.AppendLine($"verdict: {Verdict.ToString().ToLowerInvariant()}");
        foreach (var p in Problems) sb.AppendLine("  " + p);
        foreach (var n in Notes) sb.AppendLine("note: " + n);
        return sb.ToString();
    }

    private static object ResourceJson(ResourceUse r) => new { r.Resource, r.Used, r.Available, Percent = Math.Round(r.Percent, 2) };

    private static void AppendResources(StringBuilder sb, IReadOnlyList<ResourceUse> resources)
    {
        sb.AppendLine(F("  {0,-16} {1,10} {2,10} {3,8}", "resource", "used", "available", "use"));
        foreach (var r in resources)
            sb.AppendLine(F("  {0,-16} {1,10} {2,10} {3,7:0.00}%{4}", r.Resource, r.Used, r.Available, r.Percent, r.Fits ? "" : "  DOES NOT FIT"));
    }

    private static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
