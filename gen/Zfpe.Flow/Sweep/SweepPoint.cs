using System.Text;

namespace Zfpe.Flow.Sweep;

/// <summary>
/// One point of a sweep: the value of every swept parameter, in axis order. Its
/// <see cref="Id"/> (e.g. "lanes=4_b=9") names its directory and its row in the tables.
/// </summary>
public sealed record SweepPoint(IReadOnlyList<KeyValuePair<string, string>> Settings)
{
    /// <summary>The id of the point of an empty sweep (no --set: the design's defaults).</summary>
    public const string DefaultId = "default";

    public string Id => MakeId(Settings);

    public IReadOnlyDictionary<string, string> AsDictionary() =>
        Settings.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    /// <summary>"k1=v1_k2=v2", with characters that are awkward in file names replaced by '_'.</summary>
    public static string MakeId(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in settings)
        {
            if (sb.Length > 0) sb.Append('_');
            sb.Append(Safe(key)).Append('=').Append(Safe(value));
        }
        return sb.Length == 0 ? DefaultId : sb.ToString();
    }

    public override string ToString() => Settings.Count == 0 ? "(defaults)" : string.Join(" ", Settings.Select(kv => $"{kv.Key}={kv.Value}"));

    private static string Safe(string text) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '+' ? c : '_').ToArray());
}
