using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zfpe.Hdl.Emit;

namespace Zfpe.Cores.Designs;

/// <summary>
/// Renders a design's Verilog and its manifest.json (design, every parameter, generator version,
/// top module, file hashes). Deterministic: the same design and parameters give the same bytes.
/// `zfpe gen` writes them into a directory (Zfpe.Cli's GeneratedDirectory).
/// </summary>
public static class DesignOutput
{
    public const string ManifestName = "manifest.json";

    /// <summary>Every file of the output (Verilog files then the manifest), as name → text.</summary>
    public static IReadOnlyList<(string Name, string Text)> Render(DesignInfo design, DesignSettings settings, EmittedDesign emitted)
    {
        var files = emitted.Files.Select(f => (f.FileName, f.Text)).ToList();
        var manifest = new JsonObject
        {
            ["design"] = design.Name,
            ["parameters"] = new JsonObject(settings.All.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
            ["generator"] = new JsonObject { ["name"] = "zfpe-hdl", ["version"] = GeneratorInfo.Version },
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
        files.Add((ManifestName, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
        return files;
    }
}
