using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// A flip-flop placed in an I/O cell: the ECP5's TRELLIS_FF with the <c>syn_useioff</c>
/// attribute, which nextpnr-ecp5 packs into the pad's IOLOGIC (an output, tristate or input
/// register) instead of a slice, so the pad's timing does not depend on placement. It loads
/// <see cref="D"/> at every rising edge of the instantiating component's clock (no enable, no
/// reset: the I/O cells of one pad share those, so none is used) and powers up as
/// <c>powerUpHigh</c> (the configuration's global set/reset). An output or tristate register's
/// <see cref="Q"/> must drive only its pad's buffer; an input register's <see cref="D"/> must come
/// from the pad's buffer. For simulation see <see cref="Ecp5SimulationModels"/>.
/// </summary>
public sealed class IoRegister : BlackBox
{
    public readonly Bool D;
    public readonly Bool Lsr;
    public readonly Bool Ce;
    public readonly Bool M;
    public readonly Bool Q;

    /// <param name="powerUpHigh">the value after configuration (REGSET "SET", the global set/reset).</param>
    /// <param name="inIoCell">false: an ordinary slice flip-flop, for a power-up value the DSL's registers cannot give.</param>
    public IoRegister(bool powerUpHigh = false, bool inIoCell = true) : base("TRELLIS_FF")
    {
        if (inIoCell) Attribute("syn_useioff", 1);
        Parameter("GSR", "ENABLED");
        Parameter("CEMUX", "1");
        Parameter("CLKMUX", "CLK");
        Parameter("LSRMUX", "LSR");
        Parameter("SRMODE", "LSR_OVER_CE");
        Parameter("REGSET", powerUpHigh ? "SET" : "RESET");
        ClockPin("CLK");
        D = In.Bool("DI");
        Lsr = In.Bool("LSR");
        Ce = In.Bool("CE");
        M = In.Bool("M");
        Q = Out.Bool("Q");
        PowerUpHigh = powerUpHigh;
    }

    public bool PowerUpHigh { get; }
}
