namespace Zfpe.Tools;

/// <summary>
/// Where an installed tool came from, for `zfpe doctor`: a wrapper written by
/// scripts/install-ecp5-tools.sh (Debian 13 packages in a private prefix), a Debian package
/// (asked of dpkg), or neither (a local build or a binary bundle). Symbolic links are followed.
/// </summary>
public static class ToolOrigin
{
    /// <summary>The first line of every wrapper scripts/install-ecp5-tools.sh writes, before its description.</summary>
    public const string WrapperMarker = "# zfpe-ecp5-tools wrapper:";

    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(20);

    /// <summary>One line describing the origin of the executable at <paramref name="path"/>.</summary>
    public static string Describe(string path)
    {
        var target = ResolveLinks(path);
        var via = target == path ? "" : $" (a link to {target})";
        var wrapped = WrapperDescription(target);
        if (wrapped is not null)
            return $"{wrapped}, run through the wrapper of scripts/install-ecp5-tools.sh{via}";
        var package = DebianPackageOwning(path) ?? (target == path ? null : DebianPackageOwning(target));
        if (package is not null) return $"Debian package {package}{via}";
        return $"not from a distribution package (a local build or a binary bundle such as the OSS CAD Suite){via}";
    }

    /// <summary>What a wrapper of install-ecp5-tools.sh says it runs, or null when the file is not one.</summary>
    public static string? WrapperDescription(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            for (var i = 0; i < 3 && reader.ReadLine() is { } line; i++)
                if (line.StartsWith(WrapperMarker, StringComparison.Ordinal))
                    return line[WrapperMarker.Length..].Trim();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    private static string ResolveLinks(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }

    /// <summary>"name version" of the Debian package that installed <paramref name="path"/>, or null.</summary>
    private static string? DebianPackageOwning(string path)
    {
        var owner = Query("dpkg-query", ["-S", path]);
        // "yosys: /usr/bin/yosys" (or "pkg1, pkg2: path" for a diverted file: take the first).
        var name = owner?.Split(':', 2)[0].Split(',')[0].Trim();
        if (string.IsNullOrEmpty(name) || name.Contains(' ')) return null;
        var version = Query("dpkg-query", ["-W", "-f", "${Version}", name]);
        return string.IsNullOrEmpty(version) ? name : $"{name} {version}";
    }

    /// <summary>The installed version of a Debian package, or null (not installed, or no dpkg).</summary>
    public static string? DebianPackageVersion(string package)
    {
        var version = Query("dpkg-query", ["-W", "-f", "${Version}", package]);
        return string.IsNullOrEmpty(version) ? null : version;
    }

    private static string? Query(string executable, IReadOnlyList<string> arguments)
    {
        try
        {
            var run = ToolProcess.Run(executable, arguments, Directory.GetCurrentDirectory(), logPath: null, QueryTimeout);
            return run.ExitCode == 0 ? run.Lines.FirstOrDefault(l => l.Length > 0)?.Trim() : null;
        }
        catch (ToolFailedException)
        {
            return null; // no dpkg on this system
        }
    }
}
