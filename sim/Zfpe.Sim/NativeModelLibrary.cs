using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Zfpe.Sim;

/// <summary>
/// The C ABI of one compiled model (Templates/shim.cpp.hbs), bound once per library through
/// function pointers. Calls that run for nanoseconds to microseconds and never block or call back
/// are also bound with SuppressGCTransition; long loops (a multi-cycle step) and calls that do I/O
/// keep the normal transition so that they do not hold up the garbage collector.
/// </summary>
internal sealed unsafe class NativeModelLibrary
{
    /// <summary>Must match zfpe_abi_version() in the shim template.</summary>
    public const int AbiVersion = 4;

    public const int StatusOk = 0;
    public const int StatusFinished = 1;
    public const int StatusError = 2;

    private static readonly ConcurrentDictionary<string, Lazy<NativeModelLibrary>> Loaded = new();

    public readonly delegate* unmanaged<nint> Create;
    public readonly delegate* unmanaged<nint, void> Destroy;
    public readonly delegate* unmanaged<nint, byte*> Error;
    public readonly delegate* unmanaged<nint, int> Eval;
    public readonly delegate* unmanaged[SuppressGCTransition]<nint, int> EvalFast;
    public readonly delegate* unmanaged<nint, int> Settle;
    public readonly delegate* unmanaged[SuppressGCTransition]<nint, int> SettleFast;
    public readonly delegate* unmanaged<nint, int> Edge;
    public readonly delegate* unmanaged[SuppressGCTransition]<nint, int> EdgeFast;
    public readonly delegate* unmanaged<nint, ulong, ulong*, int> Step;
    public readonly delegate* unmanaged[SuppressGCTransition]<nint, int, ulong, void> Set;
    public readonly delegate* unmanaged[SuppressGCTransition]<nint, int, ulong> Get;
    public readonly delegate* unmanaged[SuppressGCTransition]<nint, int, uint*, void> SetWords;
    public readonly delegate* unmanaged[SuppressGCTransition]<nint, int, uint*, void> GetWords;
    public readonly delegate* unmanaged<nint, int, void*> PortAddress;
    public readonly delegate* unmanaged[SuppressGCTransition]<nint, void> BindThread;
    public readonly delegate* unmanaged<nint, byte*, int> WavesOpen;
    public readonly delegate* unmanaged<nint, void> WavesFlush;
    public readonly delegate* unmanaged<nint, void> WavesClose;

    /// <summary>"top|name:width:direction;..." as compiled into the library.</summary>
    public string Description { get; }

    private NativeModelLibrary(string path)
    {
        var handle = NativeLibrary.Load(path);
        // Never freed: instances may outlive any owner we could name, and a model is a few MB.
        var version = ((delegate* unmanaged<int>)Export(handle, path, "zfpe_abi_version"))();
        if (version != AbiVersion)
            throw new InvalidOperationException($"{path} speaks shim ABI {version}, this bridge speaks {AbiVersion}; delete the cache entry {Path.GetDirectoryName(path)} and rebuild.");
        Description = Marshal.PtrToStringUTF8((nint)((delegate* unmanaged<byte*>)Export(handle, path, "zfpe_describe"))()) ?? "";
        Create = (delegate* unmanaged<nint>)Export(handle, path, "zfpe_create");
        Destroy = (delegate* unmanaged<nint, void>)Export(handle, path, "zfpe_destroy");
        Error = (delegate* unmanaged<nint, byte*>)Export(handle, path, "zfpe_error");
        Eval = (delegate* unmanaged<nint, int>)Export(handle, path, "zfpe_eval");
        EvalFast = (delegate* unmanaged[SuppressGCTransition]<nint, int>)(void*)Eval;
        Settle = (delegate* unmanaged<nint, int>)Export(handle, path, "zfpe_settle");
        SettleFast = (delegate* unmanaged[SuppressGCTransition]<nint, int>)(void*)Settle;
        Edge = (delegate* unmanaged<nint, int>)Export(handle, path, "zfpe_edge");
        EdgeFast = (delegate* unmanaged[SuppressGCTransition]<nint, int>)(void*)Edge;
        Step = (delegate* unmanaged<nint, ulong, ulong*, int>)Export(handle, path, "zfpe_step");
        Set = (delegate* unmanaged[SuppressGCTransition]<nint, int, ulong, void>)Export(handle, path, "zfpe_set");
        Get = (delegate* unmanaged[SuppressGCTransition]<nint, int, ulong>)Export(handle, path, "zfpe_get");
        SetWords = (delegate* unmanaged[SuppressGCTransition]<nint, int, uint*, void>)Export(handle, path, "zfpe_set_words");
        GetWords = (delegate* unmanaged[SuppressGCTransition]<nint, int, uint*, void>)Export(handle, path, "zfpe_get_words");
        PortAddress = (delegate* unmanaged<nint, int, void*>)Export(handle, path, "zfpe_port_address");
        BindThread = (delegate* unmanaged[SuppressGCTransition]<nint, void>)Export(handle, path, "zfpe_bind_thread");
        WavesOpen = (delegate* unmanaged<nint, byte*, int>)Export(handle, path, "zfpe_waves_open");
        WavesFlush = (delegate* unmanaged<nint, void>)Export(handle, path, "zfpe_waves_flush");
        WavesClose = (delegate* unmanaged<nint, void>)Export(handle, path, "zfpe_waves_close");
    }

    /// <summary>Loads a library once per process; later calls share the same bindings.</summary>
    public static NativeModelLibrary Load(string path)
    {
        var lazy = Loaded.GetOrAdd(Path.GetFullPath(path), p => new Lazy<NativeModelLibrary>(() => new NativeModelLibrary(p)));
        return lazy.Value;
    }

    public string? ErrorOf(nint instance)
    {
        var message = Error(instance);
        return message is null ? null : Marshal.PtrToStringUTF8((nint)message);
    }

    private static void* Export(nint handle, string path, string name) =>
        NativeLibrary.TryGetExport(handle, name, out var address)
            ? (void*)address
            : throw new InvalidOperationException($"{path} does not export {name}: it was not built by this bridge; delete {Path.GetDirectoryName(path)} and rebuild.");
}
