using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Pipelines;

namespace Zfpe.Cores.Codec;

/// <summary>
/// The FixedPoint stage for one value (docs/zfpe-format.md §3 step 3, hardware form):
/// <c>|q| = floor(M · 2^(F − Fmax + 6))</c>, negated after truncation, as values of a
/// <see cref="Pipeline"/>. One such shifter serves a lane; at fewer than 4 lanes it is time-shared
/// by the values of a block. Five register stages after the one that holds the value, each with
/// at most one carry chain or two LUT levels in front of it (150 MHz on the ECP5, where routing is
/// most of a path): exponent (F = max(field, 1), M with its hidden bit, the zero block), distance
/// (Fmax − F, an 8-bit subtraction, 31 when nothing is left of M), coarse (the shift by
/// multiples of 8), magnitude (the fine shift by 0..7) and fixed point (the negation as
/// (m ^ s) + s, one carry chain).
/// </summary>
public static class FloatToFixed
{
    public const int Stages = 5;

    /// <summary>
    /// q of <paramref name="value"/> (a finite float32) in a block whose largest exponent field is
    /// <paramref name="largestField"/> (0 marks the zero block, q = 0), both held by <paramref name="at"/>;
    /// q is read at <c>stages[4]</c>.
    /// </summary>
    public static PipelineValue<SInt> Build(PipelineStage at, IReadOnlyList<PipelineStage> stages, string prefix,
        PipelineValue<UInt> value, PipelineValue<UInt> largestField)
    {
        if (stages.Count != Stages) throw new ArgumentException($"the fixed-point conversion takes {Stages} stages, not {stages.Count}", nameof(stages));
        // exponent: F = max(field, 1) differs from the field in bit 0 only; M with the hidden bit.
        var v = value[at];
        var field = v[30, 23];
        var upperZero = field[7, 1] == 0;
        var exponent = at.Let($"{prefix}_exponent", Hw.Cat(field[7, 1], field[0] | upperZero));
        var significand = at.Let($"{prefix}_significand", Hw.Cat(field != 0, v[22, 0]));
        var sign = at.Let($"{prefix}_sign", v[31]);
        var zeroBlock = at.Let($"{prefix}_zero_block", largestField[at] == 0);

        // distance: Fmax - F. 24-bit M times 2^6 spans 30 bits: at a distance of 30 or more nothing
        // is left, and so is nothing after the shifts by 24 and by 7, so the distance saturates at 31
        // (in the zero block too). (A multiplexer that zeroed the coarse value instead became a
        // synchronous reset gated by the stage's load, on the LSR pins of 30 flip-flops per lane.)
        var s = stages[0];
        var distanceNow = largestField[s] - exponent[s];
        var vanishes = zeroBlock[s] | (distanceNow[7, 5] != 0);
        var distance = s.Let($"{prefix}_distance", distanceNow[4, 0] | Hw.Repeat(vanishes, 5));

        // coarse: by 8s.
        s = stages[1];
        var scaled = Hw.Cat(significand[s], Hw.U(0, 6));
        var coarse = s.Let($"{prefix}_coarse", Hw.Select(distance[s][4, 3], [scaled, scaled >> 8, scaled >> 16, scaled >> 24]));

        // magnitude: the remaining 0..7 positions.
        s = stages[2];
        var magnitude = s.Let($"{prefix}_magnitude", coarse[s] >> distance[s][2, 0]);

        // fixed point: negate after truncation, as (m ^ s) + s so that it is a single carry chain.
        s = stages[3];
        var wide = magnitude[s].ZeroExtend(32);
        var negative = sign[s];
        return s.Let($"{prefix}_q", ((wide ^ Hw.Repeat(negative, 32)) + negative.AsUInt()).AsSInt());
    }
}
