namespace Zfpe.Sim;

/// <summary>
/// How to build and run a simulation. Every property has a working default; the environment
/// variables of <see cref="EnvironmentVariables"/> fill in what is left unset here.
/// </summary>
public sealed record SimOptions
{
    public static SimOptions Default { get; } = new();

    /// <summary>Names the wave file (<c>&lt;WaveDirectory&gt;/&lt;Name&gt;.fst</c>); default: the calling method, else the top module.</summary>
    public string? Name { get; init; }

    /// <summary>Waves to record; null means "as <c>ZFPE_WAVES</c> says" (off when unset).</summary>
    public WaveFormat? Waves { get; init; }

    /// <summary>
    /// An exact wave file (e.g. <c>zfpe sim --waves run.fst</c>): turns waves on, in the format
    /// its extension names (.vcd: VCD, otherwise FST) unless <see cref="Waves"/> says otherwise,
    /// and replaces the directory-and-name rule.
    /// </summary>
    public string? WaveFile { get; init; }

    /// <summary>Directory of wave files; default <c>ZFPE_WAVES_DIR</c>, else <c>&lt;repo&gt;/.cache/waves</c>.</summary>
    public string? WaveDirectory { get; init; }

    /// <summary>Directory of compiled models; default <c>ZFPE_SIM_CACHE</c>, else <c>&lt;repo&gt;/.cache/verilator</c>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The Verilator executable; default <c>ZFPE_VERILATOR</c>, else <c>verilator</c> on PATH.</summary>
    public string? VerilatorPath { get; init; }

    /// <summary>The C++ compiler; default <c>CXX</c>, else <c>g++</c> on PATH.</summary>
    public string? CompilerPath { get; init; }

    /// <summary>Added to the Verilator command line (and to the cache key), e.g. <c>-Wall</c>.</summary>
    public IReadOnlyList<string> ExtraVerilatorFlags { get; init; } = [];

    /// <summary>Added to every C++ compilation of the model (and to the cache key), e.g. <c>-march=native</c>.</summary>
    public IReadOnlyList<string> ExtraCompilerFlags { get; init; } = [];

    /// <summary>Compiler processes run at once while building a model.</summary>
    public int BuildJobs { get; init; } = 2;

    /// <summary>Flags that the bridge sets itself: passing them would break the build or the cache.</summary>
    private static readonly string[] ReservedVerilatorFlags =
        ["--Mdir", "--prefix", "--top-module", "--top", "--cc", "--sc", "--exe", "--build", "--trace", "--trace-fst", "--lib-create", "-Wno-fatal"];

    public void Validate()
    {
        if (BuildJobs is < 1 or > 64)
            throw new ArgumentOutOfRangeException(nameof(BuildJobs), BuildJobs, $"{nameof(BuildJobs)} is {BuildJobs}; it must be between 1 and 64.");
        if (Name is not null && (Name.Length == 0 || Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
            throw new ArgumentException($"{nameof(Name)} is '{Name}'; it names a file, so use only ASCII letters, digits, '-', '_' and '.'.", nameof(Name));
        if (WaveFile is not null && (WaveFile.Length == 0 || WaveFile.EndsWith('/') || Directory.Exists(WaveFile)))
            throw new ArgumentException($"{nameof(WaveFile)} is '{WaveFile}'; it must name a file, e.g. waves/run.fst.", nameof(WaveFile));
        if (WaveFile is not null && Waves == WaveFormat.None)
            throw new ArgumentException($"{nameof(WaveFile)} is '{WaveFile}' but {nameof(Waves)} is None; drop one of them.", nameof(WaveFile));
        if (Waves is { } w && !Enum.IsDefined(w))
            throw new ArgumentOutOfRangeException(nameof(Waves), w, $"{nameof(Waves)} is {(int)w}; it must be one of {string.Join(", ", Enum.GetNames<WaveFormat>())}.");
        foreach (var flag in ExtraVerilatorFlags)
        {
            if (string.IsNullOrWhiteSpace(flag))
                throw new ArgumentException($"{nameof(ExtraVerilatorFlags)} contains an empty flag; remove it.", nameof(ExtraVerilatorFlags));
            var bare = flag.Split('=')[0];
            if (ReservedVerilatorFlags.Contains(bare, StringComparer.Ordinal))
                throw new ArgumentException(
                    $"{nameof(ExtraVerilatorFlags)} contains '{flag}', which the bridge sets itself; " +
                    $"remove it (waves are chosen with {nameof(Waves)}; -Wno-fatal is not allowed because emitted designs must be lint-clean).",
                    nameof(ExtraVerilatorFlags));
        }
        foreach (var flag in ExtraCompilerFlags)
        {
            if (string.IsNullOrWhiteSpace(flag))
                throw new ArgumentException($"{nameof(ExtraCompilerFlags)} contains an empty flag; remove it.", nameof(ExtraCompilerFlags));
        }
    }

    /// <summary>The wave format in effect: <see cref="Waves"/>, else <c>ZFPE_WAVES</c>.</summary>
    public WaveFormat ResolveWaves()
    {
        if (Waves is { } explicitChoice) return explicitChoice;
        if (WaveFile is not null) return Path.GetExtension(WaveFile).Equals(".vcd", StringComparison.OrdinalIgnoreCase) ? WaveFormat.Vcd : WaveFormat.Fst;
        return ParseWavesVariable(Environment.GetEnvironmentVariable(EnvironmentVariables.Waves));
    }

    internal static WaveFormat ParseWavesVariable(string? raw)
    {
        var value = raw?.Trim().ToLowerInvariant();
        return value switch
        {
            null or "" or "0" or "off" or "no" or "false" or "none" => WaveFormat.None,
            "1" or "on" or "yes" or "true" or "fst" => WaveFormat.Fst,
            "vcd" => WaveFormat.Vcd,
            _ => throw new ArgumentException(
                $"{EnvironmentVariables.Waves} is '{value}'; use 1 or fst (FST waves), vcd (VCD waves), or 0 (none).", EnvironmentVariables.Waves),
        };
    }

    public string ResolveCacheDirectory() =>
        CacheDirectory is { } dir ? Path.GetFullPath(dir) : RepositoryPaths.DefaultModelCache;

    public string ResolveWaveDirectory() =>
        WaveDirectory is { } dir ? Path.GetFullPath(dir) : RepositoryPaths.DefaultWaveDirectory;
}
