using System.Globalization;
using HandlebarsDotNet;
using Zfpe.Hdl.Emit;

namespace Zfpe.Sim;

/// <summary>Renders the C++ shim and the plain C++ driver from the embedded templates.</summary>
internal static class ShimTemplates
{
    public static string ShimText { get; } = Load("shim.cpp.hbs");
    public static string DriverText { get; } = Load("driver.cpp.hbs");

    private static readonly IHandlebars Engine = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
    private static readonly HandlebarsTemplate<object, object> Shim = Engine.Compile(ShimText);
    private static readonly HandlebarsTemplate<object, object> Driver = Engine.Compile(DriverText);

    /// <param name="rootEval">the root evaluation function to call after the first eval(), or null for eval() always (<see cref="VerilatorOutput.SingleThreadedRootEval"/>)</param>
    public static string RenderShim(string top, string prefix, WaveFormat waves, IReadOnlyList<PortInfo> ports, IReadOnlyList<ModelManifest.Port> bound, string? rootEval) =>
        Shim(Context(top, prefix, waves, ports, bound, rootEval));

    public static string RenderDriver(string top, string prefix, WaveFormat waves, IReadOnlyList<PortInfo> ports, IReadOnlyList<ModelManifest.Port> bound) =>
        Driver(Context(top, prefix, waves, ports, bound, null));

    private static Dictionary<string, object?> Context(string top, string prefix, WaveFormat waves, IReadOnlyList<PortInfo> ports, IReadOnlyList<ModelManifest.Port> bound, string? rootEval)
    {
        var views = bound.Select(p => PortView(p, ports[p.Id])).ToList();
        var outputPorts = bound.Where(p => !p.IsInput).ToList();
        var validOf = InputPattern.ValidOf(outputPorts.Select(p => ports[p.Id]).ToList());
        for (var o = 0; o < outputPorts.Count; o++)
            views[views.FindIndex(v => (string)v["name"]! == outputPorts[o].Name)]["validField"] =
                validOf[o] is { } valid ? bound.Single(b => b.Name == valid).Field : null;
        string? FieldOf(PortRole role) => bound.FirstOrDefault(p => ports[p.Id].Role == role)?.Field;
        return new Dictionary<string, object?>
        {
            ["top"] = top,
            ["prefix"] = prefix,
            ["rootEval"] = rootEval,
            ["abiVersion"] = NativeModelLibrary.AbiVersion.ToString(CultureInfo.InvariantCulture),
            ["trace"] = waves != WaveFormat.None,
            ["traceHeader"] = waves == WaveFormat.Vcd ? "verilated_vcd_c.h" : "verilated_fst_c.h",
            ["traceClass"] = waves == WaveFormat.Vcd ? "VerilatedVcdC" : "VerilatedFstC",
            ["clock"] = FieldOf(PortRole.Clock),
            ["reset"] = FieldOf(PortRole.Reset),
            ["ports"] = views,
            // What the host may write: data inputs and the reset, never the clock (the shim owns it).
            ["inputs"] = views.Where(v => (bool)v["isInput"]! && (PortRole)v["role"]! != PortRole.Clock).ToList(),
            ["outputs"] = views.Where(v => !(bool)v["isInput"]!).ToList(),
            ["dataInputs"] = views.Where(v => (bool)v["isInput"]! && (PortRole)v["role"]! == PortRole.Data).ToList(),
        };
    }

    private static Dictionary<string, object?> PortView(ModelManifest.Port p, PortInfo info)
    {
        var words = (p.Width + 31) / 32;
        var topBits = p.Width % 32;
        return new Dictionary<string, object?>
        {
            ["id"] = p.Id.ToString(CultureInfo.InvariantCulture),
            ["name"] = p.Name,
            ["field"] = p.Field,
            ["width"] = p.Width.ToString(CultureInfo.InvariantCulture),
            ["direction"] = p.IsInput ? "in" : "out",
            ["isInput"] = p.IsInput,
            ["role"] = info.Role,
            ["wide"] = p.Width > 64,
            ["twoWords"] = p.Width > 32,
            ["words"] = words.ToString(CultureInfo.InvariantCulture),
            ["lastWord"] = (words - 1).ToString(CultureInfo.InvariantCulture),
            ["topMask"] = "0x" + (topBits == 0 ? 0xFFFF_FFFFu : (1u << topBits) - 1).ToString("x", CultureInfo.InvariantCulture),
            ["mask"] = "0x" + (p.Width >= 64 ? ulong.MaxValue : (1UL << p.Width) - 1).ToString("x", CultureInfo.InvariantCulture),
            ["ctype"] = p.Width switch { <= 8 => "CData", <= 16 => "SData", <= 32 => "IData", _ => "QData" },
        };
    }

    private static string Load(string name)
    {
        var resource = $"Zfpe.Sim.Templates.{name}";
        using var stream = typeof(ShimTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded template {resource} is missing from Zfpe.Sim; check the EmbeddedResource item in Zfpe.Sim.csproj");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
