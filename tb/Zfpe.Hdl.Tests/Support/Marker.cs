using System.Runtime.CompilerServices;

namespace Zfpe.Hdl.Tests.Support;

/// <summary>
/// Finds the line of a `// @name` marker comment in the calling test's source file, so tests can
/// assert the exact location an error reports without hard-coding line numbers.
/// </summary>
public static class Marker
{
    public static string At(string name, [CallerFilePath] string file = "")
    {
        var lines = File.ReadAllLines(file);
        var hits = Enumerable.Range(0, lines.Length).Where(i => lines[i].TrimEnd().EndsWith("// @" + name, StringComparison.Ordinal)).ToList();
        if (hits.Count != 1) throw new InvalidOperationException($"marker @{name} found {hits.Count} times in {file}");
        return $"{Path.GetFileName(file)}:{hits[0] + 1}";
    }
}
