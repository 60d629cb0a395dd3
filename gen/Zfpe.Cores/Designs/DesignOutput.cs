using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zfpe.Hdl.Emit;

namespace Zfpe.Cores.Designs;

/// <summary>
/// Renders a design's Verilog, its source map (sourcemap.json: the C# location of every Verilog
/// name and statement) and its manifest.json (design, every parameter, generator version, top
/// module, file hashes). Deterministic: the same design and parameters give the same bytes.
/// `zfpe gen` writes them into a directory with <see cref="GeneratedDirectory"/>.
/// </summary>
public static class DesignOutput
{
    public const string ManifestName = "manifest.json";

    /// <summary>Every file of the output (Verilog files, the source map, then the manifest), as name → text.</summary>
    public static IReadOnlyList<(string Name, string Text)> Render(DesignInfo design, DesignSettings settings, EmittedDesign emitted)
    {
        var files = emitted.Files.Select(f => (f.FileName, f.Text)).ToList();
        var manifest = new JsonObject
        {
            ["design"] = design.Name,
            ["parameters"] = new JsonObject(settings.Values.Select(v => KeyValuePair.Create(v.Spec.Name, ManifestValue(v.Spec, settings.Config)))),
            ["generator"] = new JsonObject { ["name"] = GeneratedDirectory.GeneratorName, ["version"] = GeneratorInfo.Version },
            ["top"] = emitted.TopModule,
            ["ports"] = new JsonArray(emitted.TopPorts.Select(p => (JsonNode?)new JsonObject
            {
                ["name"] = p.Name,
                ["direction"] = p.Direction == PortDirection.Input ? "input" : "output",
                ["width"] = p.Width,
                ["signed"] = p.IsSigned,
                ["role"] = p.Role.ToString().ToLowerInvariant(),
            }).ToArray()),
            ["files"] = new JsonArray(files.Select(f => (JsonNode?)new JsonObject
            {
                ["name"] = f.FileName,
                ["sha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(f.Text))).ToLowerInvariant(),
            }).ToArray()),
        };
        if (emitted.SourceMap is { } map) files.Add((DesignSourceMap.FileName, map.ToJson()));
        files.Add((ManifestName, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
        return files;
    }

    /// <summary>A parameter as JSON: a number, true/false for a flag, the name of a choice.</summary>
    private static JsonNode? ManifestValue(Zfpe.Hdl.ParameterSpec spec, object config)
    {
        var value = spec.Property.GetValue(config)!;
        return value switch
        {
            bool b => JsonValue.Create(b),
            int i => JsonValue.Create(i),
            long l => JsonValue.Create(l),
            _ => JsonValue.Create(spec.Format(value)),
        };
    }
}
