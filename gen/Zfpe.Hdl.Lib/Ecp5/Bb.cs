using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// The ECP5 bidirectional I/O buffer BB (Yosys maps it to a TRELLIS_IO with DIR "BIDIR"): the pad
/// <see cref="B"/> is driven with <see cref="I"/> while <see cref="T"/> is low and released
/// (high impedance) while it is high; <see cref="O"/> is what the pad carries. Attach
/// <see cref="B"/> to a top-level inout port bit. For simulation see <see cref="Ecp5SimulationModels"/>.
/// </summary>
public sealed class Bb : BlackBox
{
    public readonly Bool I;

    /// <summary>Tristate: high releases the pad.</summary>
    public readonly Bool T;

    public readonly Bool O;

    /// <summary>The pad (inout).</summary>
    public readonly Bool B;

    public Bb() : base("BB")
    {
        I = In.Bool("I");
        T = In.Bool("T");
        O = Out.Bool("O");
        B = InOut.Bool("B");
    }
}
