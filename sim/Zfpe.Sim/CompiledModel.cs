using System.Runtime.CompilerServices;
using Zfpe.Hdl.Emit;

namespace Zfpe.Sim;

/// <summary>
/// A design compiled into a shared library, found in or added to a <see cref="ModelCache"/>.
/// Start any number of independent simulations from it, in parallel if you like.
/// </summary>
public sealed class CompiledModel
{
    private readonly Lazy<NativeModelLibrary> _library;
    private readonly object _driverLock = new();

    internal CompiledModel(ModelCache cache, EmittedDesign design, SimOptions options, string key, string directory, ModelManifest manifest, bool wasBuilt)
    {
        Cache = cache;
        Design = design;
        Options = options;
        Key = key;
        Directory = directory;
        Manifest = manifest;
        WasBuilt = wasBuilt;
        _library = new Lazy<NativeModelLibrary>(() => Bind(LibraryPath, design, manifest));
    }

    public ModelCache Cache { get; }
    public EmittedDesign Design { get; }

    /// <summary>The options of the first request for the model (the flags and waves in them made it).</summary>
    public SimOptions Options { get; }

    public string Key { get; }

    /// <summary>The cache entry: the library, the emitted Verilog (src/), the generated C++ (obj/, shim.cpp), logs and manifest.</summary>
    public string Directory { get; }

    public ModelManifest Manifest { get; }

    /// <summary>True when this process compiled the model, false when it came from the cache.</summary>
    public bool WasBuilt { get; }

    /// <summary>The wave format compiled in (a traced model is a separate cache entry).</summary>
    public WaveFormat Waves => Manifest.Waves;

    public string LibraryPath => Path.Combine(Directory, ModelManifest.LibraryFileName);

    internal NativeModelLibrary Library => _library.Value;

    /// <summary>
    /// Starts a simulation. <paramref name="name"/> names its wave file; by default
    /// <paramref name="options"/>' Name, else the calling method (a test's name), so that every
    /// test's waves land in a file named after it. <paramref name="options"/> (default: those the
    /// model was requested with) also choose the wave directory.
    /// </summary>
    public Simulation Start(string? name = null, SimOptions? options = null, [CallerMemberName] string caller = "") =>
        Start(name, options, caller, top: null);

    /// <summary>Starts a simulation of <paramref name="top"/> (this model's design as emitted from that component): its port members address the simulation's ports.</summary>
    public Simulation Start(Zfpe.Hdl.Component? top, SimOptions? options = null, [CallerMemberName] string caller = "") =>
        Start(null, options, caller, top);

    private Simulation Start(string? name, SimOptions? options, string caller, Zfpe.Hdl.Component? top)
    {
        options ??= Options;
        options.Validate();
        var chosen = name ?? options.Name ?? (caller.Length > 0 ? caller : Design.TopModule);
        var extension = Waves == WaveFormat.Vcd ? ".vcd" : ".fst";
        var wavePath = options.WaveFile is { } file
            ? Path.GetFullPath(file)
            : WaveFiles.Allocate(options.ResolveWaveDirectory(), chosen, extension);
        return new(this, chosen, wavePath, top);
    }

    /// <summary>The plain C++ driver over this model, linked on first use (see <see cref="CppDriver"/>).</summary>
    public CppDriver CppDriver()
    {
        lock (_driverLock)
        {
            return Sim.CppDriver.For(this);
        }
    }

    private static NativeModelLibrary Bind(string path, EmittedDesign design, ModelManifest manifest)
    {
        var library = NativeModelLibrary.Load(path);
        var expected = design.TopModule + "|" + string.Concat(manifest.Ports.Select(p => $"{p.Name}:{p.Width}:{(p.IsInput ? "in" : "out")};"));
        if (library.Description != expected)
            throw new InvalidOperationException(
                $"the library {path} describes itself as '{library.Description}' but the design needs '{expected}'; " +
                $"the cache entry is damaged: delete {Path.GetDirectoryName(path)} and rerun.");
        return library;
    }
}
