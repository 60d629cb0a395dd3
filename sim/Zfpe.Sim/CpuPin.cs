using System.Diagnostics;

namespace Zfpe.Sim;

/// <summary>
/// Pins the calling (main) thread, and so the processes it starts, to one CPU for the duration of
/// a measurement, then restores the previous affinity. On a shared two-core machine a run that
/// migrates between CPUs mid-way loses its caches and comes out 30-40 % slower at random; pinning
/// the bridge and the C++ loop alike makes both measure the same, steady thing. Linux only, and
/// only the main thread (where .NET applies process affinity); elsewhere it does nothing.
/// </summary>
public sealed class CpuPin : IDisposable
{
    private readonly Process? _process;
    private readonly nint _previous;

    private CpuPin(Process? process, nint previous)
    {
        _process = process;
        _previous = previous;
    }

    /// <summary>Pins to the highest-numbered CPU this process may run on.</summary>
    public static CpuPin Current()
    {
        if (!OperatingSystem.IsLinux() || Environment.CurrentManagedThreadId != 1) return new CpuPin(null, 0);
        try
        {
            var process = Process.GetCurrentProcess();
            var previous = process.ProcessorAffinity;
            var mask = (long)previous;
            if (mask == 0 || (mask & (mask - 1)) == 0) return new CpuPin(null, 0);
            var highest = 63 - long.LeadingZeroCount(mask);
            process.ProcessorAffinity = (nint)(1L << (int)highest);
            return new CpuPin(process, previous);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or PlatformNotSupportedException)
        {
            return new CpuPin(null, 0);
        }
    }

    public void Dispose()
    {
        if (_process is null || !OperatingSystem.IsLinux()) return;
        try
        {
            _process.ProcessorAffinity = _previous;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
        _process.Dispose();
    }
}
