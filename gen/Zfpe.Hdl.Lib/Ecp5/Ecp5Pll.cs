using System.Globalization;
using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// A clock generator: one <see cref="Ehxplll"/> solved by <see cref="PllSolver"/> for
/// <c>outputMhz</c> from <c>inputMhz</c>, with its feedback and unused inputs tied off.
/// <see cref="Locked"/> is asynchronous to every clock: pass it through a
/// <see cref="ResetSync"/> before using it as a reset.
/// </summary>
public sealed class Ecp5Pll : Component
{
    public readonly Bool ClockIn;
    public readonly Bool ClockOut;
    public readonly Bool Locked;

    public Ecp5Pll(double inputMhz, double outputMhz)
        : this(PllSolver.Solve(inputMhz, outputMhz))
    {
    }

    public Ecp5Pll(PllSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        // The dividers decide the hardware, so they name the module.
        Param("clki_div", settings.ClkiDiv, 1);
        Param("clkfb_div", settings.ClkfbDiv, 4);
        Param("clkop_div", settings.Primary.Divider, 6);
        Param("outputs", settings.Outputs.Count, 1);
        if (settings.Outputs.Count > 1)
            throw new ArgumentException(
                $"Ecp5Pll drives one clock (CLKOP) but the settings enable {settings.Outputs.Count} outputs; instantiate Ehxplll directly for secondary clocks",
                nameof(settings));

        ClockIn = In.Bool("clock_in");
        ClockOut = Out.Bool("clock_out");
        Locked = Out.Bool("locked");

        var pll = Instance(new Ehxplll(settings), "pll");
        pll.Clki.Assign(ClockIn);
        pll.Clkfb.Assign(pll.Clkop);
        pll.Rst.Assign(false);
        pll.Stdby.Assign(false);
        pll.PhaseSel0.Assign(false);
        pll.PhaseSel1.Assign(false);
        pll.PhaseDir.Assign(true);
        pll.PhaseStep.Assign(true);
        pll.PhaseLoadReg.Assign(true);
        pll.PllWakeSync.Assign(false);
        pll.EnClkop.Assign(false);
        ClockOut.Assign(pll.Clkop);
        Locked.Assign(pll.Lock);
    }

    public PllSettings Settings { get; }

    /// <summary>The clock frequency the PLL really produces.</summary>
    public double AchievedMhz => Settings.AchievedMhz;

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} ({1:0.###} MHz)", base.ToString(), AchievedMhz);
}
