using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// P = A × B on one ECP5 sysDSP multiplier (<see cref="Mult18x18d"/>), with the pipeline
/// registers inside the DSP block rather than in the fabric: Yosys keeps the instance as one
/// MULT18X18D cell with no LUTs or flip-flops around it, and nextpnr times it with the
/// registered-DSP delays. Operands up to 18 bits, unsigned or two's complement (<c>Signed</c>);
/// P has <c>AWidth + BWidth</c> bits and is exact. <c>Stages</c> registers (0–3) give a latency of
/// <c>Stages</c> cycles; <c>Enable</c> low freezes every register (a stall), and the DSP's
/// registers have no reset (a pipeline's valid bits carry the reset).
/// </summary>
public sealed class Ecp5Multiplier : Component
{
    public readonly UInt A;
    public readonly UInt B;
    public readonly Bool Enable;
    public readonly UInt P;

    public Ecp5Multiplier(Ecp5MultiplierConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Params(config);
        Config = config;
        A = In.UInt(config.AWidth);
        B = In.UInt(config.BWidth);
        Enable = In.Bool();
        P = Out.UInt(config.AWidth + config.BWidth);

        var dsp = Instance(new Mult18x18d(
            inputRegisters: config.Stages >= 2,
            pipelineRegister: config.Stages >= 3,
            outputRegister: config.Stages >= 1,
            productBits: config.AWidth + config.BWidth), "dsp");
        var a = Extend(A, config.Signed);
        var b = Extend(B, config.Signed);
        for (var i = 0; i < Mult18x18d.Width; i++)
        {
            dsp.A[i].Assign(a[i]);
            dsp.B[i].Assign(b[i]);
            dsp.C[i].Assign(false);
        }
        dsp.SignedA.Assign(config.Signed);
        dsp.SignedB.Assign(config.Signed);
        dsp.SourceA.Assign(false);
        dsp.SourceB.Assign(false);
        dsp.Ce0.Assign(Enable);
        dsp.Rst0.Assign(false);
        P.Assign(Hw.Cat(dsp.P.Reverse().ToArray<HdlValue>()));
    }

    public Ecp5MultiplierConfig Config { get; }

    /// <summary>Cycles from A and B to P (while Enable is high).</summary>
    public int Latency => Config.Stages;

    /// <summary>An operand widened to the DSP's 18 bits: sign-extended when signed, zero-extended otherwise.</summary>
    private static UInt Extend(UInt value, bool signed) =>
        value.Width == Mult18x18d.Width ? value
        : signed ? value.AsSInt().SignExtend(Mult18x18d.Width).AsUInt()
        : value.Resize(Mult18x18d.Width);
}
