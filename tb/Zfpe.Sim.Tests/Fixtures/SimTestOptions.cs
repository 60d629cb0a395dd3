using System.Runtime.CompilerServices;

namespace Zfpe.Sim.Tests.Fixtures;

/// <summary>How the tests start the fixture designs (imported statically by the project).</summary>
public static class SimTestOptions
{
    /// <summary>No wave file: for tests about anything but waves.</summary>
    public static readonly SimOptions NoWaves = new() { Waves = WaveFormat.None };

    /// <summary>A fixture design started without waves and held in reset for <paramref name="cycles"/> cycles.</summary>
    public static Simulation ResetWithoutWaves(Zfpe.Hdl.Emit.EmittedDesign design, int cycles = 1, [CallerMemberName] string caller = "")
    {
        var sim = Simulation.Create(design, NoWaves, caller);
        sim.Reset(cycles);
        return sim;
    }
}
