namespace Zfpe.Tools;

/// <summary>
/// Finds the project's external tools (<see cref="ToolSpec.All"/>) and their versions. Precedence:
/// a tool's own environment variable (ZFPE_YOSYS, ZFPE_VERILATOR, CXX, ...), when set and not empty,
/// wins over PATH, because a user who sets it has chosen that build on purpose (for example a
/// newer Yosys than the distribution's). A variable that names no usable file makes the tool
/// missing, with a message saying so: silently falling back to PATH would run a build the user
/// did not ask for. A variable holding a bare name (no '/') is looked up on PATH. Without the
/// variable, PATH is searched. The environment is injectable so tests can hide tools.
/// </summary>
public sealed class ToolLocator
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(20);

    private readonly Func<string, string?> _environment;
    private readonly Dictionary<ToolKind, ToolLocation> _found = [];
    private readonly Lock _lock = new();

    public ToolLocator(Func<string, string?>? environment = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>A locator that sees <paramref name="overrides"/> on top of the process environment.</summary>
    public static ToolLocator WithOverrides(IReadOnlyDictionary<string, string?> overrides) =>
        new(name => overrides.TryGetValue(name, out var v) ? v : Environment.GetEnvironmentVariable(name));

    public ToolLocation Locate(ToolKind kind)
    {
        lock (_lock)
        {
            if (!_found.TryGetValue(kind, out var location))
            {
                location = Find(ToolSpec.For(kind));
                _found[kind] = location;
            }
            return location;
        }
    }

    /// <summary>Every tool of the registry, for `zfpe doctor`.</summary>
    public IReadOnlyList<ToolLocation> LocateAll() => ToolSpec.All.Select(t => Locate(t.Kind)).ToList();

    /// <summary>The tool's location, or <see cref="MissingToolException"/> explaining how to get it.</summary>
    public ToolLocation Require(ToolKind kind)
    {
        var location = Locate(kind);
        return location.Found ? location : throw new MissingToolException(location);
    }

    private ToolLocation Find(ToolSpec spec)
    {
        var variable = _environment(spec.EnvironmentVariable);
        string? path;
        string source;
        if (!string.IsNullOrWhiteSpace(variable))
        {
            source = spec.EnvironmentVariable;
            variable = variable.Trim();
            if (variable.Contains('/'))
            {
                var problem = UnusableFile(variable);
                if (problem is not null)
                    return new ToolLocation(spec, null, source, null, $"{spec.EnvironmentVariable}={variable} {problem}");
                path = Path.GetFullPath(variable);
            }
            else
            {
                path = SearchPath(variable);
                if (path is null)
                    return new ToolLocation(spec, null, source, null, $"{spec.EnvironmentVariable}={variable} is not found on PATH");
            }
        }
        else
        {
            source = "PATH";
            path = SearchPath(spec.Executable);
            if (path is null)
                return new ToolLocation(spec, null, source, null, $"it is not on PATH and {spec.EnvironmentVariable} is not set");
        }

        var version = spec.VersionArguments.Count > 0
            ? ReadVersion(path, spec.VersionArguments)
            : spec.VersionPackage is { } package && ToolOrigin.DebianPackageVersion(package) is { } v ? $"{spec.Executable} {v} (Debian package {package})" : null;
        return new ToolLocation(spec, path, source, version, null)
        {
            Identity = version ?? "file-sha256:" + FileSha256(path)[..16],
        };
    }

    private static string FileSha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream)).ToLowerInvariant();
    }

    private string? SearchPath(string executable)
    {
        var pathVariable = _environment("PATH") ?? "";
        foreach (var dir in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, executable);
            if (UnusableFile(candidate) is null) return Path.GetFullPath(candidate);
        }
        return null;
    }

    private static string? UnusableFile(string path)
    {
        if (Directory.Exists(path)) return "is a directory, not an executable";
        if (!File.Exists(path)) return "does not name an existing file";
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((File.GetUnixFileMode(path) & anyExecute) == 0) return "is not executable (chmod +x it)";
        }
        return null;
    }

    private static string? ReadVersion(string path, IReadOnlyList<string> arguments)
    {
        try
        {
            var run = ToolProcess.Run(path, arguments, Directory.GetCurrentDirectory(), logPath: null, VersionTimeout);
            var lines = run.Lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            if (run.ExitCode == 0 && lines.Count > 0) return lines[0];
            // Some builds print their version with a usage text and a non-zero exit code.
            return lines.FirstOrDefault(l => l.Contains("version", StringComparison.OrdinalIgnoreCase));
        }
        catch (ToolFailedException)
        {
            return null;
        }
    }
}
