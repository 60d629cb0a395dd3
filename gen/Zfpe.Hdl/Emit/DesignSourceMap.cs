using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zfpe.Hdl.Emit;

/// <summary>
/// Where the emitted Verilog came from in C#: per module, every declared name (ports, registers,
/// wires, memories, instance port wires, hoisted parts of expressions) and every statement line
/// with its C# file and line. Written as <see cref="FileName"/> next to the Verilog, so tools that
/// read the Verilog's products (synthesis netlists, timing reports) can name things as the C# does
/// without depending on the DSL.
/// </summary>
public sealed record DesignSourceMap(string TopModule, IReadOnlyList<ModuleSourceMap> Modules)
{
    public const string FileName = "sourcemap.json";

    /// <summary>The format version written into the file; readers refuse another.</summary>
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The module named <paramref name="name"/>, or null (black boxes and foreign modules have none).</summary>
    public ModuleSourceMap? Module(string name) => Modules.FirstOrDefault(m => m.Name == name);

    /// <summary>The JSON text: one line per signal, instance and statement line, so that diffs stay readable.</summary>
    public string ToJson()
    {
        var sb = new StringBuilder();
        sb.Append("{\n  \"format\": ").Append(Format).Append(",\n  \"topModule\": ").Append(Value(TopModule)).Append(",\n  \"modules\": [");
        for (var i = 0; i < Modules.Count; i++)
        {
            var m = Modules[i];
            sb.Append(i == 0 ? "\n" : ",\n").Append("    {\n");
            sb.Append("      \"name\": ").Append(Value(m.Name)).Append(",\n");
            sb.Append("      \"fileName\": ").Append(Value(m.FileName)).Append(",\n");
            sb.Append("      \"component\": ").Append(Value(m.Component)).Append(",\n");
            sb.Append("      \"source\": ").Append(Value(m.Source)).Append(",\n");
            AppendList(sb, "signals", m.Signals, last: false);
            AppendList(sb, "instances", m.Instances, last: false);
            AppendList(sb, "lines", m.Lines, last: true);
            sb.Append("    }");
        }
        sb.Append(Modules.Count == 0 ? "]\n}\n" : "\n  ]\n}\n");
        return sb.ToString();
    }

    private static void AppendList<T>(StringBuilder sb, string name, IReadOnlyList<T> items, bool last)
    {
        sb.Append("      \"").Append(name).Append("\": [");
        for (var i = 0; i < items.Count; i++)
            sb.Append(i == 0 ? "\n" : ",\n").Append("        ").Append(Value(items[i]));
        sb.Append(items.Count == 0 ? "]" : "\n      ]").Append(last ? "\n" : ",\n");
    }

    private static string Value<T>(T value) => JsonSerializer.Serialize(value, Json);

    /// <summary>Reads a source map; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static DesignSourceMap FromJson(string json)
    {
        DesignSourceMap? map;
        try
        {
            map = JsonSerializer.Deserialize<DesignSourceMap>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the source map is not valid JSON: {e.Message}", e);
        }
        if (map is null || map.Modules is null || map.TopModule is null)
            throw new InvalidDataException("the source map has no \"topModule\" or \"modules\"");
        if (map.Format != CurrentFormat)
            throw new InvalidDataException($"the source map has format {map.Format}; this version reads format {CurrentFormat} (regenerate the Verilog)");
        return map;
    }
}
