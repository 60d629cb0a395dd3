using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Pipelines;

namespace Zfpe.Cores.Codec;

/// <summary>
/// The InverseFixedPoint stage for one value (docs/zfpe-format.md §4 step 5):
/// <c>float(q) · 2^(emax − 30)</c> with the int → float conversion rounding to nearest, ties to
/// even, magnitudes below 2^-126 flushed to ±0 and above FLT_MAX saturated to ±FLT_MAX, as values
/// of a <see cref="Pipeline"/>. One such normaliser serves a lane; at fewer than 4 lanes it is
/// time-shared by the values of a block. Seven register stages after the one that holds q, each
/// with at most one carry chain or a few LUT levels in front of it: magnitude (|q|, one add),
/// normalisation by 16, by 8, by 4, by 2 and 1 (each stage also lowers the exponent by its shift,
/// so that E + 1 − leading zeros is ready with the normalised value), round (guard, sticky, the
/// carry out of the rounding, and flush and saturation for both carries) and the float bits (the
/// 23-bit rounding add, the exponent plus the carry, and the choice between zero, flush,
/// saturation and the value).
/// </summary>
public static class FixedToFloat
{
    public const int Stages = 7;

    /// <summary>The float32 bits of <paramref name="fixedPoint"/> in a block of biased exponent field <paramref name="blockExponent"/> (0: the zero block, +0), read at <c>stages[6]</c>.</summary>
    public static PipelineValue<UInt> Build(PipelineStage at, IReadOnlyList<PipelineStage> stages, string prefix,
        PipelineValue<SInt> fixedPoint, PipelineValue<UInt> blockExponent)
    {
        if (stages.Count != Stages) throw new ArgumentException($"the float conversion takes {Stages} stages, not {stages.Count}", nameof(stages));

        // magnitude: |q| as (q ^ s) + s; -2^31 gives 2^31, which fits the unsigned 32 bits.
        var q = fixedPoint[at].AsUInt();
        var signNow = fixedPoint[at].Msb;
        var magnitude = at.Let($"{prefix}_magnitude", (q ^ Hw.Repeat(signNow, 32)) + signNow.AsUInt());
        var sign = at.Let($"{prefix}_sign", signNow);
        var e = blockExponent[at];
        var zeroBlock = at.Let($"{prefix}_zero_block", e == 0);
        // The biased result exponent is E + 1 - leading zeros (E - 127 + 31 - lz - 30 + 127); each
        // normalising stage takes its shift off.
        var exponentNow = e.ZeroExtend(11).AsSInt() + 1;
        var exponent = at.Let($"{prefix}_exponent", exponentNow);

        // by 16, 8, 4: shift left when the top bits are zero.
        var m = magnitude;
        var x = exponent;
        var steps = new[] { (16, "by16"), (8, "by8"), (4, "by4") };
        for (var i = 0; i < steps.Length; i++)
        {
            var (shift, name) = steps[i];
            var s = stages[i];
            var mv = m[s];
            var zeros = mv[31, 32 - shift] == 0;
            m = s.Let($"{prefix}_{name}", Hw.Mux(zeros, Hw.Cat(mv[31 - shift, 0], Hw.U(0, shift)), mv));
            x = s.Let($"{prefix}_exponent_{name}", Hw.Mux(zeros, x[s] - shift, x[s]));
        }

        // by 2 and 1; afterwards bit 31 is the leading one, or the value was 0.
        var st = stages[3];
        var m4 = m[st];
        var z2 = m4[31, 30] == 0;
        var m2 = Hw.Mux(z2, Hw.Cat(m4[29, 0], Hw.U(0, 2)), m4);
        var z1 = !m2[31];
        var normalised = st.Let($"{prefix}_normalised", Hw.Mux(z1, Hw.Cat(m2[30, 0], Hw.U(0, 1)), m2));
        var exponentBase = st.Let($"{prefix}_exponent_base", x[st] - Hw.Cat(z2, z1).ZeroExtend(11).AsSInt());

        // round: 24 significant bits, to nearest, ties to even; the rounding carries out of the 24
        // bits when they are all ones. Flush (biased <= 0) and saturation (biased >= 255) for both carries.
        st = stages[4];
        var mn = normalised[st];
        var b0 = exponentBase[st];
        var guard = mn[7];
        var sticky = mn[6, 0] != 0;
        var roundUp = st.Let($"{prefix}_round_up", guard & (sticky | mn[8]));
        var allOnes = st.Let($"{prefix}_all_ones", mn[31, 8] == 0xFFFFFF);
        var negative = b0.Msb;
        var flushNoCarry = st.Let($"{prefix}_flush_0", negative | (b0 == 0));
        var flushCarry = st.Let($"{prefix}_flush_1", negative);
        var saturateNoCarry = st.Let($"{prefix}_saturate_0", !negative & ((b0.AsUInt()[9, 8] != 0) | (b0.AsUInt()[7, 0] == 255)));
        var saturateCarry = st.Let($"{prefix}_saturate_1", !negative & ((b0.AsUInt()[9, 8] != 0) | (b0.AsUInt()[7, 1] == 127)));
        var zero = st.Let($"{prefix}_zero", !mn[31] | zeroBlock[st]);

        // float bits: below 2^-126 flush to ±0, from 2^128 on saturate to ±FLT_MAX.
        st = stages[5];
        var carry = roundUp[st] & allOnes[st];
        var mantissa = normalised[st][30, 8] + roundUp[st].AsUInt();
        var biased = exponentBase[st].AsUInt()[7, 0] + carry.AsUInt();
        var flush = Hw.Mux(carry, flushCarry[st], flushNoCarry[st]);
        var saturate = Hw.Mux(carry, saturateCarry[st], saturateNoCarry[st]);
        var s3 = sign[st];
        return st.Let($"{prefix}_float_bits", Hw.Mux(zero[st], Hw.U(0, 32),
            Hw.Mux(flush, Hw.Cat(s3, Hw.U(0, 31)),
                Hw.Mux(saturate, Hw.Cat(s3, Hw.U(0x7F7FFFFF, 31)), Hw.Cat(s3, biased, mantissa)))));
    }
}
