using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zfpe.Hdl.Emit;

namespace Zfpe.Cores.Designs;

/// <summary>
/// Writes a design's Verilog, its source map (sourcemap.json: the C# location of every Verilog
/// name and statement) and its manifest.json (design, every parameter, generator version, top
/// module, file hashes). Deterministic: the same design and parameters give the same bytes.
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

    /// <summary>Writes the output into <paramref name="directory"/>, removing stale .v files of an earlier run there.</summary>
    public static IReadOnlyList<string> Write(DesignInfo design, DesignSettings settings, EmittedDesign emitted, string directory)
    {
        var files = Render(design, settings, emitted);
        Directory.CreateDirectory(directory);
        var keep = files.Select(f => f.Name).ToHashSet();
        foreach (var old in Directory.GetFiles(directory, "*.v"))
            if (!keep.Contains(Path.GetFileName(old))) File.Delete(old);
        var paths = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            paths.Add(path);
        }
        return paths;
    }
}
