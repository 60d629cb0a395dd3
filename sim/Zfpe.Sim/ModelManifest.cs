using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zfpe.Sim;

/// <summary>
/// What a cache entry holds and how it was made; written last into the entry, so an entry with a
/// manifest is complete. <see cref="BuildSeconds"/> is what a later cache hit saves.
/// </summary>
public sealed record ModelManifest(
    string Key,
    string TopModule,
    string Prefix,
    WaveFormat Waves,
    string VerilatorVersion,
    string CompilerVersion,
    IReadOnlyList<string> VerilatorFlags,
    IReadOnlyList<string> HotCompilerFlags,
    IReadOnlyList<string> ColdCompilerFlags,
    IReadOnlyList<string> LinkFlags,
    string RuntimeDirectory,
    IReadOnlyList<string> ObjectFiles,
    IReadOnlyList<ModelManifest.Port> Ports,
    double VerilateSeconds,
    double CompileSeconds,
    double LinkSeconds,
    double BuildSeconds,
    DateTime BuiltUtc)
{
    /// <summary>
    /// The root evaluation function the shim calls directly after the first eval() (null: the
    /// shim always calls eval()); see <see cref="VerilatorOutput.SingleThreadedRootEval"/>.
    /// </summary>
    public string? DirectRootEval { get; init; }

    /// <summary>A top-level port and the C++ field the shim reads and writes.</summary>
    public sealed record Port(int Id, string Name, string Field, int Width, bool IsInput);

    public const string FileName = "manifest.json";
    public const string LibraryFileName = "libzfpe_model.so";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public void Write(string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json));

    public static ModelManifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a model manifest ({e.Message}); delete {directory} to rebuild the model.", e);
        }
    }
}
