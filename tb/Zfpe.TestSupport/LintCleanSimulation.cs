using System.Runtime.CompilerServices;
using Zfpe.Hdl;
using Zfpe.Hdl.Emit;
using Zfpe.Sim;

namespace Zfpe.TestSupport;

/// <summary>A component emitted once, held to `verilator --lint-only -Wall`, then started on the bridge.</summary>
public static class LintCleanSimulation
{
    /// <summary>Fails with Verilator's output unless the design is lint-clean; the wave file is named after the calling test.</summary>
    public static Simulation Create(Component top, SimOptions? options = null, [CallerMemberName] string caller = "")
    {
        var design = VerilogEmitter.Emit(top);
        VerilogTools.AssertLintClean(design);
        return Simulation.Create(design, options, caller);
    }
}
