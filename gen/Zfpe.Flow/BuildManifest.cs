using Zfpe.Tools;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zfpe.Flow;

/// <summary>
/// manifest.json of a build directory: everything needed to know what a result was built from
/// and to rebuild it (design and parameters, device, clock target, seed, tool versions, git
/// commit, SHA-256 of every input and output file, stage statuses).
/// </summary>
public sealed record BuildManifest(
    string Design,
    IReadOnlyDictionary<string, string> Parameters,
    string TopModule,
    string Device,
    string PartNumber,
    double FrequencyMhz,
    int Seed,
    string Constraints,
    string SdramAssumption,
    IReadOnlyDictionary<string, BuildManifest.Tool> Tools,
    BuildManifest.GitState? Git,
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyList<StageRecord> Stages,
    DateTimeOffset CreatedUtc)
{
    /// <summary>The memory the board shell assumes; see the header of constraints/ulx3s_v20.lpf.</summary>
    public const string Ulx3sSdram =
        "16-bit SDR SDRAM addressed as 13 row / 9 column / 2 bank bits (32 MB), CL3, tRP/tRCD 3, tRC 9, tMRD 2: " +
        "fits the MT48LC16M16A2, IS42S16160G and M12L2561616A runs and the AS4C32M16SB (64 MB, used as 32 MB)";

    public sealed record Tool(string Path, string Source, string? Version);

    public sealed record GitState(string Commit, bool Dirty);

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BuildManifest FromJson(string json) =>
        JsonSerializer.Deserialize<BuildManifest>(json, Json) ?? throw new InvalidDataException("manifest.json is empty");

    /// <summary>The commit of the repository around the current directory, or null outside git (or without git).</summary>
    public static GitState? ReadGit(string directory)
    {
        try
        {
            var head = ToolProcess.Run("git", ["rev-parse", "HEAD"], directory, null, TimeSpan.FromSeconds(20));
            if (head.ExitCode != 0 || head.Lines.Count == 0) return null;
            var status = ToolProcess.Run("git", ["status", "--porcelain", "--untracked-files=no"], directory, null, TimeSpan.FromSeconds(30));
            return new GitState(head.Lines[0].Trim(), status.ExitCode != 0 || status.Lines.Any(l => l.Trim().Length > 0));
        }
        catch (ToolFailedException)
        {
            return null;
        }
    }
}
