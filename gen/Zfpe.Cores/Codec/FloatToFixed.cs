using Zfpe.Hdl;

namespace Zfpe.Cores.Codec;

/// <summary>
/// The FixedPoint stage for one value (docs/zfpe-format.md §3 step 3, hardware form):
/// <c>|q| = floor(M · 2^(F − Fmax + 6))</c>, negated after truncation. One such shifter serves a
/// lane; at fewer than 4 lanes it is time-shared by the values of a block. Three register
/// stages, each loading on its own enable: align (shift distance and the coarse shift by
/// multiples of 8), shift (the fine shift by 0..7) and sign (the conditional negation, one add).
/// </summary>
public sealed class FloatToFixed : Component
{
    /// <summary>A finite float32 (NaN and ±Inf are replaced before this stage).</summary>
    public readonly UInt Value;

    /// <summary>The largest exponent field of the value's block; 0 marks the zero block (q = 0).</summary>
    public readonly UInt LargestField;

    public readonly Bool LoadAlign;
    public readonly Bool LoadShift;
    public readonly Bool LoadSign;

    /// <summary>q, three loads after <see cref="Value"/> was presented.</summary>
    public readonly SInt FixedPoint;

    public FloatToFixed()
    {
        Value = In.UInt(32);
        LargestField = In.UInt(8);
        LoadAlign = In.Bool();
        LoadShift = In.Bool();
        LoadSign = In.Bool();
        FixedPoint = Out.SInt(32);

        // align: M (hidden bit included) with F = max(field, 1); the distance Fmax - F.
        var field = Value[30, 23];
        var subnormal = field == 0;
        var significand = Hw.Cat(!subnormal, Value[22, 0]);
        var exponent = Hw.Mux(subnormal, Hw.U(1, 8), field);
        var distance = Wire.UInt(8, "distance");
        distance.Assign(LargestField - exponent);
        // 24-bit M times 2^6 spans 30 bits: at a distance of 30 or more nothing is left.
        var scaled = Hw.Cat(significand, Hw.U(0, 6));
        var coarse = Hw.Select(distance[4, 3], [scaled, scaled >> 8, scaled >> 16, scaled >> 24]);
        var vanishes = (LargestField == 0) | (distance[7, 5] != 0);
        var alignSign = Reg.Next(Value[31], reset: null, enable: LoadAlign, name: "align_sign");
        var alignCoarse = Reg.Next(Hw.Mux(vanishes, Hw.U(0, 30), coarse), reset: null, enable: LoadAlign, name: "align_coarse");
        var alignFine = Reg.Next(distance[2, 0], reset: null, enable: LoadAlign, name: "align_fine");

        // shift: the remaining 0..7 positions.
        var shiftSign = Reg.Next(alignSign, reset: null, enable: LoadShift, name: "shift_sign");
        var magnitude = Reg.Next(alignCoarse >> alignFine, reset: null, enable: LoadShift, name: "magnitude");

        // sign: negate after truncation, as (m ^ s) + s so that it is a single carry chain.
        var wide = magnitude.ZeroExtend(32);
        var signed = (wide ^ Hw.Repeat(shiftSign, 32)) + shiftSign.AsUInt();
        var q = Reg.Next(signed.AsSInt(), reset: null, enable: LoadSign, name: "q");
        FixedPoint.Assign(q);
    }
}
