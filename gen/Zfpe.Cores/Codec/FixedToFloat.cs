using Zfpe.Hdl;

namespace Zfpe.Cores.Codec;

/// <summary>
/// The InverseFixedPoint stage for one value (docs/zfpe-format.md §4 step 5):
/// <c>float(q) · 2^(emax − 30)</c> with the int → float conversion rounding to nearest, ties to
/// even, magnitudes below 2^-126 flushed to ±0 and above FLT_MAX saturated to ±FLT_MAX. One such
/// normaliser serves a lane; at fewer than 4 lanes it is time-shared by the values of a block.
/// Five register stages, each loading on its own enable: magnitude (|q|, one add), coarse
/// normalisation (shifts by 16 and 8), fine normalisation (4, 2, 1), round (one 24-bit add and
/// the exponent) and pack (exponent carry, flush and saturation).
/// </summary>
public sealed class FixedToFloat : Component
{
    public readonly SInt FixedPoint;

    /// <summary>The block's biased exponent field E (0: the zero block, every value +0).</summary>
    public readonly UInt BlockExponent;

    public readonly Bool LoadMagnitude;
    public readonly Bool LoadCoarse;
    public readonly Bool LoadFine;
    public readonly Bool LoadRound;
    public readonly Bool LoadPack;

    /// <summary>The float32 bits, five loads after <see cref="FixedPoint"/> was presented.</summary>
    public readonly UInt Value;

    public FixedToFloat(int exponentBits)
    {
        if (exponentBits is not (8 or 9))
            throw new ArgumentException($"exponent-bits = {exponentBits} is not allowed: use 8 or 9");
        Param("exponent_bits", exponentBits, 8);
        FixedPoint = In.SInt(32);
        BlockExponent = In.UInt(exponentBits);
        LoadMagnitude = In.Bool();
        LoadCoarse = In.Bool();
        LoadFine = In.Bool();
        LoadRound = In.Bool();
        LoadPack = In.Bool();
        Value = Out.UInt(32);

        T R<T>(T v, Bool load, string name) where T : HdlValue => Reg.Next(v, reset: null, enable: load, name: name);

        // magnitude: |q| as (q ^ s) + s; -2^31 gives 2^31, which fits the unsigned 32 bits.
        var sign = FixedPoint.Msb;
        var q = FixedPoint.AsUInt();
        var m0 = R((q ^ Hw.Repeat(sign, 32)) + sign.AsUInt(), LoadMagnitude, "magnitude");
        var s0 = R(sign, LoadMagnitude, "magnitude_sign");
        var e0 = R(BlockExponent, LoadMagnitude, "magnitude_exponent");

        // coarse: leading zeros by 16 and by 8.
        var z16 = m0[31, 16] == 0;
        var m16 = Hw.Mux(z16, Hw.Cat(m0[15, 0], Hw.U(0, 16)), m0);
        var z8 = m16[31, 24] == 0;
        var m8 = Hw.Mux(z8, Hw.Cat(m16[23, 0], Hw.U(0, 8)), m16);
        var m1 = R(m8, LoadCoarse, "coarse");
        var lz1 = R(Hw.Cat(z16, z8), LoadCoarse, "coarse_zeros");
        var s1 = R(s0, LoadCoarse, "coarse_sign");
        var e1 = R(e0, LoadCoarse, "coarse_exponent");

        // fine: by 4, 2 and 1; afterwards bit 31 is the leading one, or the value was 0.
        var z4 = m1[31, 28] == 0;
        var m4 = Hw.Mux(z4, Hw.Cat(m1[27, 0], Hw.U(0, 4)), m1);
        var z2 = m4[31, 30] == 0;
        var m2 = Hw.Mux(z2, Hw.Cat(m4[29, 0], Hw.U(0, 2)), m4);
        var z1 = !m2[31];
        var mn = Hw.Mux(z1, Hw.Cat(m2[30, 0], Hw.U(0, 1)), m2);
        var m2r = R(mn, LoadFine, "normalised");
        var lz2 = R(Hw.Cat(lz1, z4, z2, z1), LoadFine, "leading_zeros");
        var s2 = R(s1, LoadFine, "normalised_sign");
        var e2 = R(e1, LoadFine, "normalised_exponent");

        // round: 24 significant bits, to nearest, ties to even. The biased result exponent is
        // E + 1 - leading zeros (E - 127 + 31 - lz - 30 + 127), plus the rounding carry.
        var guard = m2r[7];
        var sticky = m2r[6, 0] != 0;
        var roundUp = guard & (sticky | m2r[8]);
        var rounded = m2r[31, 8].ZeroExtend(25) + roundUp.AsUInt();
        var exponentBase = e2.ZeroExtend(11).AsSInt() + 1 - lz2.ZeroExtend(11).AsSInt();
        var mantissa = R(rounded[22, 0], LoadRound, "mantissa");
        var carry = R(rounded[24], LoadRound, "round_carry");
        var exponent = R(exponentBase, LoadRound, "exponent_base");
        var s3 = R(s2, LoadRound, "round_sign");
        var zero = R(!m2r[31] | (e2 == 0), LoadRound, "round_zero");

        // pack: below 2^-126 flush to ±0, from 2^128 on saturate to ±FLT_MAX.
        var biased = exponent + carry.AsUInt().ZeroExtend(11).AsSInt();
        var flush = biased <= 0;
        var saturate = biased >= 255;
        var packed = Hw.Mux(zero, Hw.U(0, 32),
            Hw.Mux(flush, Hw.Cat(s3, Hw.U(0, 31)),
                Hw.Mux(saturate, Hw.Cat(s3, Hw.U(0x7F7FFFFF, 31)), Hw.Cat(s3, biased[7, 0], mantissa))));
        Value.Assign(R(packed, LoadPack, "float_bits"));
    }
}
