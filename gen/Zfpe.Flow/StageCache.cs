namespace Zfpe.Flow;

/// <summary>
/// Content-addressed store of stage outputs: root/stage/key/ holds the files a stage produced
/// from inputs whose hash is <c>key</c> (emitted Verilog or the previous stage's output, the
/// script or arguments, and the tool's version). A stage whose key is present is not re-run:
/// its files are copied back into the build directory.
/// </summary>
public sealed class StageCache(string root)
{
    /// <summary>The variable that names the cache shared by every build and sweep.</summary>
    public const string DirectoryVariable = "ZFPE_FLOW_CACHE";

    /// <summary>The cache that `zfpe synth`, `build` and `sweep` share: <c>$ZFPE_FLOW_CACHE</c>, else out/.flow-cache.</summary>
    public static string SharedDirectory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir ? dir : Path.Combine("out", ".flow-cache");

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Copies the cached <paramref name="outputs"/> (paths relative to the build directory) back; false when any is missing.</summary>
    public bool TryRestore(string stage, string key, string buildDirectory, IReadOnlyList<string> outputs)
    {
        var entry = EntryPath(stage, key);
        if (!outputs.All(o => File.Exists(Path.Combine(entry, o)))) return false;
        foreach (var o in outputs)
        {
            var target = Path.Combine(buildDirectory, o);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(entry, o), target, overwrite: true);
        }
        return true;
    }

    /// <summary>Stores a stage's outputs under its key. Written to a temporary folder and moved, so a half-written entry is never seen.</summary>
    public void Store(string stage, string key, string buildDirectory, IReadOnlyList<string> outputs)
    {
        var entry = EntryPath(stage, key);
        if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
        var temporary = entry + ".tmp-" + Guid.NewGuid().ToString("N");
        foreach (var o in outputs)
        {
            var target = Path.Combine(temporary, o);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(buildDirectory, o), target, overwrite: true);
        }
        try
        {
            Directory.Move(temporary, entry);
        }
        catch (IOException) when (Directory.Exists(entry))
        {
            // Another build stored the same key meanwhile: same inputs, same outputs.
            Directory.Delete(temporary, recursive: true);
        }
    }

    private string EntryPath(string stage, string key) => Path.Combine(Root, stage, key);
}
