using System.Security.Cryptography;
using System.Text;

namespace Zfpe.Flow;

/// <summary>SHA-256 helpers for cache keys and the manifest (lower-case hex).</summary>
public static class FlowHash
{
    public static string OfText(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    /// <summary>One key over several named parts; each part is length-prefixed so no two part lists collide.</summary>
    public static string OfParts(params string[] parts)
    {
        var sb = new StringBuilder();
        foreach (var p in parts) sb.Append(p.Length).Append(':').Append(p).Append('\n');
        return OfText(sb.ToString());
    }
}
