using System.Collections.Concurrent;
using System.Diagnostics;
using Zfpe.Hdl.Emit;

namespace Zfpe.Sim;

/// <summary>
/// Compiled models on disk, one directory per cache key (see <see cref="ModelBuilder.KeyFor"/>),
/// plus the Verilator runtime objects they share. Safe for parallel use: within a process each key
/// is built by one thread while the others wait for it; across processes a lock file serialises the
/// build and the finished entry appears by an atomic rename, so a reader never sees half an entry.
/// </summary>
public sealed class ModelCache
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(30);
    private static readonly ConcurrentDictionary<string, ModelCache> Shared = new(StringComparer.Ordinal);
    private static readonly Lazy<ModelCache> DefaultCache = new(() => For(RepositoryPaths.DefaultModelCache));

    private readonly ConcurrentDictionary<string, Lazy<CompiledModel>> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<string>> _runtimes = new(StringComparer.Ordinal);
    private int _requests, _diskHits, _builds;
    private long _buildTicks, _savedTicks;

    static ModelCache()
    {
        // One line per test run (or CLI run) that used the bridge: what the cache saved.
        // Printed to stderr and appended to <cache>/runs.log, which outlives a test host's output.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var cache in Shared.Values.Where(c => c._requests > 0))
            {
                var line = $"zfpe-sim: {cache.Statistics}";
                Console.Error.WriteLine($"{line} [{cache.Directory}]");
                try
                {
                    File.AppendAllText(Path.Combine(cache.Directory, "runs.log"),
                        $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {Environment.ProcessPath} pid {Environment.ProcessId}: {line}\n");
                }
                catch (IOException)
                {
                    // The summary is a courtesy; a read-only cache must not fail the run.
                }
            }
        };
    }

    /// <summary>A cache in <paramref name="directory"/> with its own in-process bookkeeping.</summary>
    public ModelCache(string directory)
    {
        Directory = Path.GetFullPath(directory);
    }

    /// <summary><c>ZFPE_SIM_CACHE</c>, else <c>&lt;repo&gt;/.cache/verilator</c>.</summary>
    public static ModelCache Default => DefaultCache.Value;

    /// <summary>The process-wide cache for a directory (what <see cref="Simulation.Create"/> uses).</summary>
    public static ModelCache For(string directory) =>
        Shared.GetOrAdd(Path.GetFullPath(directory), d => new ModelCache(d));

    public string Directory { get; }

    public CacheStatistics Statistics => new(
        _requests, _diskHits, _builds,
        TimeSpan.FromTicks(Interlocked.Read(ref _buildTicks)).TotalSeconds,
        TimeSpan.FromTicks(Interlocked.Read(ref _savedTicks)).TotalSeconds);

    /// <summary>The cache key of a design under these options (waves on or off make different models).</summary>
    public string KeyFor(EmittedDesign design, SimOptions? options = null) => Builder(design, options).KeyFor(design);

    /// <summary>Whether a finished entry for the design is on disk.</summary>
    public bool Contains(EmittedDesign design, SimOptions? options = null) =>
        File.Exists(Path.Combine(Directory, KeyFor(design, options), ModelManifest.FileName));

    /// <summary>Returns the compiled model, building it only if no process has built it before.</summary>
    /// <exception cref="SimBuildException">a tool is missing or rejects the design.</exception>
    public CompiledModel GetOrBuild(EmittedDesign design, SimOptions? options = null)
    {
        options ??= SimOptions.Default;
        var builder = Builder(design, options);
        var key = builder.KeyFor(design);
        Interlocked.Increment(ref _requests);
        var lazy = _models.GetOrAdd(key, k => new Lazy<CompiledModel>(() => LoadOrBuild(design, options, builder, k)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // The next request tries again (the tool may have been installed, the disk freed).
            _models.TryRemove(new KeyValuePair<string, Lazy<CompiledModel>>(key, lazy));
            throw;
        }
    }

    private static ModelBuilder Builder(EmittedDesign design, SimOptions? options)
    {
        ArgumentNullException.ThrowIfNull(design);
        options ??= SimOptions.Default;
        options.Validate();
        return new ModelBuilder(Toolchain.Locate(options), options, options.ResolveWaves());
    }

    private CompiledModel LoadOrBuild(EmittedDesign design, SimOptions options, ModelBuilder builder, string key)
    {
        var entry = Path.Combine(Directory, key);
        if (TryLoad(design, entry, options) is { } cached) return cached;

        using var _ = CacheLock.Acquire(Path.Combine(Directory, "locks", key + ".lock"), LockTimeout);
        if (TryLoad(design, entry, options) is { } builtMeanwhile) return builtMeanwhile;

        var clock = Stopwatch.StartNew();
        var scratch = ScratchDirectory(key);
        try
        {
            var (output, verilateSeconds) = builder.Verilate(design, key, scratch);
            var runtime = GetOrBuildRuntime(builder, output.RuntimeSources);
            var manifest = builder.CompileAndLink(design, key, scratch, output, verilateSeconds, runtime, output.RuntimeSources);
            manifest.Write(scratch);
            Publish(scratch, entry);
        }
        catch (SimBuildException e) when (e.BuildDirectory == scratch)
        {
            var kept = KeepFailed(scratch, key);
            throw new SimBuildException(e.Message.Replace(scratch, kept, StringComparison.Ordinal), e.Tool, e.ToolOutput, e.SourceFile, e.SourceLine, kept);
        }
        catch
        {
            TryDelete(scratch);
            throw;
        }
        Interlocked.Increment(ref _builds);
        Interlocked.Add(ref _buildTicks, clock.Elapsed.Ticks);
        return new CompiledModel(this, design, options, key, entry, ModelManifest.Read(entry), wasBuilt: true);
    }

    private CompiledModel? TryLoad(EmittedDesign design, string entry, SimOptions options)
    {
        if (!File.Exists(Path.Combine(entry, ModelManifest.FileName))) return null;
        var manifest = ModelManifest.Read(entry);
        Interlocked.Increment(ref _diskHits);
        Interlocked.Add(ref _savedTicks, TimeSpan.FromSeconds(manifest.BuildSeconds).Ticks);
        return new CompiledModel(this, design, options, manifest.Key, entry, manifest, wasBuilt: false);
    }

    /// <summary>The directory of runtime objects and precompiled header for this builder, built once.</summary>
    private string GetOrBuildRuntime(ModelBuilder builder, IReadOnlyList<string> sources)
    {
        var key = builder.RuntimeKeyFor(sources);
        var lazy = _runtimes.GetOrAdd(key, k => new Lazy<string>(() =>
        {
            var entry = Path.Combine(Directory, "runtime-" + k);
            var done = Path.Combine(entry, "done");
            if (File.Exists(done)) return entry;
            using var _ = CacheLock.Acquire(Path.Combine(Directory, "locks", "runtime-" + k + ".lock"), LockTimeout);
            if (File.Exists(done)) return entry;
            var scratch = ScratchDirectory("runtime-" + k);
            try
            {
                var seconds = builder.BuildRuntime(sources, scratch);
                File.WriteAllText(Path.Combine(scratch, "done"), $"built in {seconds:0.0} s\n");
            }
            catch (SimBuildException e) when (e.BuildDirectory == scratch)
            {
                var kept = KeepFailed(scratch, "runtime-" + k);
                throw new SimBuildException(e.Message.Replace(scratch, kept, StringComparison.Ordinal), e.Tool, e.ToolOutput, e.SourceFile, e.SourceLine, kept);
            }
            catch
            {
                TryDelete(scratch);
                throw;
            }
            Publish(scratch, entry);
            return entry;
        }));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _runtimes.TryRemove(new KeyValuePair<string, Lazy<string>>(key, lazy));
            throw;
        }
    }

    private string ScratchDirectory(string key)
    {
        var path = Path.Combine(Directory, "tmp", $"{key}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Moves a finished build into place in one rename; a leftover without its marker file is replaced.</summary>
    private static void Publish(string scratch, string entry)
    {
        if (System.IO.Directory.Exists(entry)) System.IO.Directory.Delete(entry, recursive: true);
        System.IO.Directory.Move(scratch, entry);
    }

    private string KeepFailed(string scratch, string key)
    {
        var kept = Path.Combine(Directory, "failed", key);
        try
        {
            if (System.IO.Directory.Exists(kept)) System.IO.Directory.Delete(kept, recursive: true);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
            System.IO.Directory.Move(scratch, kept);
            return kept;
        }
        catch (IOException)
        {
            return scratch;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (System.IO.Directory.Exists(directory)) System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Leftover scratch space is harmless; the next build uses a fresh name.
        }
    }
}
