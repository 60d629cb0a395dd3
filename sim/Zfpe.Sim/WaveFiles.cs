namespace Zfpe.Sim;

/// <summary>
/// Hands out wave file paths: the first simulation named N in a process writes N.fst, later ones
/// N-2.fst, N-3.fst..., so parallel tests never share a file and a theory's cases do not overwrite
/// each other within a run.
/// </summary>
internal static class WaveFiles
{
    private static readonly Dictionary<string, int> Uses = new(StringComparer.Ordinal);

    public static string Allocate(string directory, string name, string extension)
    {
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        var key = Path.Combine(directory, safe);
        int use;
        lock (Uses)
        {
            use = Uses.TryGetValue(key, out var previous) ? previous + 1 : 1;
            Uses[key] = use;
        }
        return Path.Combine(directory, (use == 1 ? safe : $"{safe}-{use}") + extension);
    }
}
