using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// The ECP5 PLL primitive EHXPLLL, configured from the solver's <see cref="PllSettings"/>: every
/// divider and phase counter becomes a Verilog parameter (<see cref="PllSettings.PrimitiveParameters"/>),
/// the unused dynamic-phase and standby inputs are ports the parent ties off. All four clock
/// outputs and LOCK are declared (so one simulation model fits every configuration); the ones
/// the settings do not enable stay low in the real primitive. Feedback comes from CLKOP
/// (FEEDBK_PATH "CLKOP"): connect <see cref="Clkfb"/> to <see cref="Clkop"/>; <see cref="Ecp5Pll"/>
/// does all of that. For simulation see <see cref="Ecp5SimulationModels"/>.
/// </summary>
public sealed class Ehxplll : BlackBox
{
    public readonly Bool Clki;
    public readonly Bool Clkfb;
    public readonly Bool Rst;
    public readonly Bool Stdby;
    public readonly Bool PhaseSel0;
    public readonly Bool PhaseSel1;
    public readonly Bool PhaseDir;
    public readonly Bool PhaseStep;
    public readonly Bool PhaseLoadReg;
    public readonly Bool PllWakeSync;
    public readonly Bool EnClkop;
    public readonly Bool Clkop;
    public readonly Bool Lock;

    /// <summary>CLKOS, CLKOS2, CLKOS3; the settings enable the first <c>Settings.Outputs.Count - 1</c>.</summary>
    public readonly IReadOnlyList<Bool> Secondary;

    public Ehxplll(PllSettings settings) : base("EHXPLLL")
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (name, value) in settings.PrimitiveParameters())
        {
            if (value is int i) Parameter(name, i);
            else Parameter(name, (string)value);
        }
        // Fixed choices, as nextpnr's ecppll writes them: no dynamic phase, no standby, no PLL reset.
        Parameter("PLLRST_ENA", "DISABLED");
        Parameter("INTFB_WAKE", "DISABLED");
        Parameter("STDBY_ENABLE", "DISABLED");
        Parameter("DPHASE_SOURCE", "DISABLED");
        Parameter("OUTDIVIDER_MUXA", "DIVA");
        Parameter("OUTDIVIDER_MUXB", "DIVB");
        Parameter("OUTDIVIDER_MUXC", "DIVC");
        Parameter("OUTDIVIDER_MUXD", "DIVD");

        Clki = In.Bool("CLKI");
        Clkfb = In.Bool("CLKFB");
        Rst = In.Bool("RST");
        Stdby = In.Bool("STDBY");
        PhaseSel0 = In.Bool("PHASESEL0");
        PhaseSel1 = In.Bool("PHASESEL1");
        PhaseDir = In.Bool("PHASEDIR");
        PhaseStep = In.Bool("PHASESTEP");
        PhaseLoadReg = In.Bool("PHASELOADREG");
        PllWakeSync = In.Bool("PLLWAKESYNC");
        EnClkop = In.Bool("ENCLKOP");
        Clkop = Out.Bool("CLKOP");
        Lock = Out.Bool("LOCK");
        Secondary = [Out.Bool("CLKOS"), Out.Bool("CLKOS2"), Out.Bool("CLKOS3")];
        Settings = settings;
    }

    public PllSettings Settings { get; }
}
