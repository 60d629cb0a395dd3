using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// The ECP5 DDR output register ODDRX1F in an I/O cell: D0 and D1 are taken at the rising edge of
/// SCLK (the instantiating component's clock); the pad shows D0 while SCLK is high and D1 while it
/// is low. With D0 = 0 and D1 = 1 the pad is the inverted clock, delayed as any registered output:
/// a clock forwarded to a chip with the same output delay as the data. <see cref="Q"/> must drive
/// a top-level output and nothing else (nextpnr-ecp5 packs it into the pad's IOLOGIC). For
/// simulation see <see cref="Ecp5SimulationModels"/>.
/// </summary>
public sealed class Oddrx1f : BlackBox
{
    public readonly Bool D0;
    public readonly Bool D1;
    public readonly Bool Rst;
    public readonly Bool Q;

    public Oddrx1f() : base("ODDRX1F")
    {
        Parameter("GSR", "DISABLED");
        ClockPin("SCLK");
        D0 = In.Bool("D0");
        D1 = In.Bool("D1");
        Rst = In.Bool("RST");
        Q = Out.Bool("Q");
    }
}
