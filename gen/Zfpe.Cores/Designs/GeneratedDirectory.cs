using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Zfpe.Hdl.Emit;

namespace Zfpe.Cores.Designs;

/// <summary>
/// Writes <c>zfpe gen</c>'s output into a directory without touching what is not its own. A new or
/// empty directory is filled. A directory that an earlier <c>zfpe gen</c> filled is recognised by
/// its manifest.json, and only the files that manifest lists and the new output no longer has are
/// deleted, and only while they still hold what was generated (an edited file is kept, with a
/// warning). Any other non-empty directory is refused: it holds files that are not ours. Refusals
/// are <see cref="IOException"/>s whose message names the --out option, for the CLI to print as is.
/// </summary>
public static class GeneratedDirectory
{
    /// <summary>The generator name every manifest carries.</summary>
    public const string GeneratorName = "zfpe-hdl";

    /// <summary>
    /// Writes the design's files with <paramref name="writeFile"/> (path, bytes: the caller's way of
    /// writing a file, atomic in the CLI) and returns their paths; stale generated files are removed.
    /// </summary>
    public static IReadOnlyList<string> Write(DesignInfo design, DesignSettings settings, EmittedDesign emitted, string directory, TextWriter warnings,
        Action<string, byte[]> writeFile)
    {
        var files = DesignOutput.Render(design, settings, emitted);
        if (File.Exists(directory))
            throw new IOException($"--out {directory} is a file: name a directory for the Verilog files and the manifest");
        var previous = PreviousFiles(directory);
        Directory.CreateDirectory(directory);

        var names = files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, sha256) in previous.Where(p => !names.Contains(p.Name)))
        {
            string path = Path.Combine(directory, name);
            if (!File.Exists(path))
                continue;
            if (Sha256(File.ReadAllBytes(path)) == sha256)
                File.Delete(path);
            else
                warnings.WriteLine($"warning: kept {path}: an earlier zfpe gen wrote it, but it has changed since; delete it yourself if it is not needed");
        }

        // The manifest goes last: until it is written, the directory still describes the previous generation.
        var paths = new List<string>();
        foreach (var (name, text) in files)
        {
            string path = Path.Combine(directory, name);
            var bytes = new UTF8Encoding(false).GetBytes(text);
            writeFile(path, bytes);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>
    /// The files (name, SHA-256) that the previous generation in <paramref name="directory"/>
    /// wrote; none for a missing or empty directory. Throws when the directory holds files and
    /// no manifest of <c>zfpe gen</c> says they are ours.
    /// </summary>
    private static IReadOnlyList<(string Name, string Sha256)> PreviousFiles(string directory)
    {
        if (!Directory.Exists(directory) || !Directory.EnumerateFileSystemEntries(directory).Any())
            return [];
        string manifestPath = Path.Combine(directory, DesignOutput.ManifestName);
        string refusal = $"--out {directory} is not empty and was not made by zfpe gen";
        if (!File.Exists(manifestPath))
            throw new IOException($"{refusal} (it has no {DesignOutput.ManifestName}): choose a new or empty directory; nothing was written or deleted");
        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
            var root = manifest.RootElement;
            if (!root.TryGetProperty("generator", out var generator) || generator.ValueKind != JsonValueKind.Object
                || !generator.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() != GeneratorName
                || !root.TryGetProperty("files", out var listed) || listed.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"it does not name the generator {GeneratorName} and list its files");
            var result = new List<(string, string)>();
            foreach (var entry in listed.EnumerateArray())
            {
                string file = entry.GetProperty("name").GetString() ?? "";
                // A manifest names files in its own directory only: anything else is not ours to delete.
                if (file.Length == 0 || file is "." or ".." || Path.GetFileName(file) != file)
                    throw new InvalidDataException($"it lists '{file}', which is not a file name in that directory");
                result.Add((file, entry.GetProperty("sha256").GetString() ?? ""));
            }
            return result;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException or KeyNotFoundException)
        {
            throw new IOException($"{refusal}: its {DesignOutput.ManifestName} is not one that zfpe gen writes ({e.Message}); choose a new or empty directory; nothing was written or deleted");
        }
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
