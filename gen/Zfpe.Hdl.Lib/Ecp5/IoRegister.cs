using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// A flip-flop in an I/O cell, as Lattice's ECP5 primitives name them: OFS1P3DX / OFS1P3BX for an
/// output (or tristate) register, IFS1P3DX / IFS1P3BX for an input register (Yosys maps them to a
/// TRELLIS_FF marked <c>syn_useioff</c> with the direction, which nextpnr-ecp5 packs into the pad's
/// IOLOGIC), or FD1S3AX / FD1S3BX for an ordinary slice flip-flop with a known power-up value. The
/// pad's timing then does not depend on placement. It loads <see cref="D"/> at every rising edge
/// of the instantiating component's clock (no enable; the set/clear pin tied low) and powers up
/// as <c>powerUpHigh</c> says (the configuration's global set/reset: the BX types set, DX/AX
/// clear). An output register's <see cref="Q"/> must drive only its pad's buffer (I or T); an
/// input register's <see cref="D"/> must come from the pad's buffer. For simulation see
/// <see cref="Ecp5SimulationModels"/>.
/// </summary>
public sealed class IoRegister : BlackBox
{
    public readonly Bool D;
    public readonly Bool Q;

    public IoRegister(IoRegisterKind kind, bool powerUpHigh = false) : base(ModuleFor(kind, powerUpHigh))
    {
        Kind = kind;
        PowerUpHigh = powerUpHigh;
        Parameter("GSR", "ENABLED");
        if (kind == IoRegisterKind.Slice)
        {
            ClockPin("CK");
            if (powerUpHigh) SetClear = In.Bool("PD");
        }
        else
        {
            ClockPin("SCLK");
            SetClear = In.Bool(powerUpHigh ? "PD" : "CD");
            Enable = In.Bool("SP");
        }
        D = In.Bool("D");
        Q = Out.Bool("Q");
    }

    /// <summary>The asynchronous set (PD) or clear (CD) pin, where the primitive has one: tie it low.</summary>
    public readonly Bool? SetClear;

    /// <summary>The clock enable (SP) of the I/O-cell types: tie it high.</summary>
    public readonly Bool? Enable;

    public IoRegisterKind Kind { get; }

    public bool PowerUpHigh { get; }

    /// <summary>The Lattice primitive's name for a kind and power-up value.</summary>
    public static string ModuleFor(IoRegisterKind kind, bool powerUpHigh) => (kind, powerUpHigh) switch
    {
        (IoRegisterKind.Output, false) => "OFS1P3DX",
        (IoRegisterKind.Output, true) => "OFS1P3BX",
        (IoRegisterKind.Input, false) => "IFS1P3DX",
        (IoRegisterKind.Input, true) => "IFS1P3BX",
        (IoRegisterKind.Slice, false) => "FD1S3AX",
        _ => "FD1S3BX",
    };
}
