using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// The ECP5 clock buffer DCCA: <see cref="ClockOut"/> is <see cref="ClockIn"/> while <see cref="Enable"/>
/// is high. nextpnr-ecp5 always routes a DCCA's output on one of the device's global networks, which
/// reach every tile with the same small delay; a global that feeds logic pins (not only clock pins) takes
/// one of the eight that may. That is how a signal with thousands of loads, such as the design's
/// synchronous reset, reaches them all within a clock period (<see cref="ResetSync"/>). For simulation
/// see <see cref="Ecp5SimulationModels"/> (a wire while enabled).
/// </summary>
public sealed class Dcca : BlackBox
{
    public readonly Bool ClockIn;
    public readonly Bool Enable;
    public readonly Bool ClockOut;

    public Dcca() : base("DCCA")
    {
        ClockIn = In.Bool("CLKI");
        Enable = In.Bool("CE");
        ClockOut = Out.Bool("CLKO");
    }
}
