namespace Zfpe.Sim;

/// <summary>Where the bridge keeps its files: under the repository's git-ignored .cache directory.</summary>
internal static class RepositoryPaths
{
    private const string SolutionFile = "Zfpe.Hdl.sln";

    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The nearest ancestor of the current directory, or else of the application, holding the solution.</summary>
    public static string? RepositoryRoot => Root.Value;

    /// <summary><c>&lt;repo&gt;/.cache</c>, or a per-user cache directory when run outside the repository.</summary>
    public static string CacheRoot =>
        RepositoryRoot is { } root
            ? Path.Combine(root, ".cache")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "zfpe");

    public static string DefaultModelCache => ModelCacheDirectory(Environment.GetEnvironmentVariable(EnvironmentVariables.SimCache));

    /// <summary>The model cache given the value of <c>ZFPE_SIM_CACHE</c> (null or empty: the default).</summary>
    public static string ModelCacheDirectory(string? fromEnvironment) =>
        fromEnvironment is { Length: > 0 } ? Path.GetFullPath(fromEnvironment) : Path.Combine(CacheRoot, "verilator");

    public static string DefaultWaveDirectory =>
        Environment.GetEnvironmentVariable(EnvironmentVariables.WavesDirectory) is { Length: > 0 } fromEnvironment
            ? Path.GetFullPath(fromEnvironment)
            : Path.Combine(CacheRoot, "waves");

    private static string? FindRoot() =>
        FindFrom(Directory.GetCurrentDirectory()) ?? FindFrom(AppContext.BaseDirectory);

    private static string? FindFrom(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        }
        return null;
    }
}
