using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Pipelines;

namespace Zfpe.Cores.Codec;

/// <summary>
/// PayloadWindow with rounding <c>nearest</c> (docs/zfpe-format.md §3.1, the reference's
/// <c>ZfpeCodec.NearestPayloadWindow</c>) on one lifted coefficient c, as values of a
/// <see cref="Pipeline"/> over three stages:
/// <list type="number">
/// <item>Round (into <c>round</c>): in each window the multiple of its step nearest to c, ties
/// toward zero, as a count of steps: one short increment each.</item>
/// <item>Clamp (into <c>clamp</c>): each count clamped to its window's range (comparisons with constants).</item>
/// <item>Distance (into <c>distance</c>): how far each candidate is from c, and each payload
/// (the count in negabinary, b bits).</item>
/// </list>
/// The field (payload, then flag at bit 0) is read at <c>distance</c>: a comparison of the two
/// distances picks it, into the register after. Nothing is 32 bits wide past the first stage: with
/// s the low window's shift, c = C·2^s + r (0 ≤ r &lt; 2^s), both candidates are multiples of 2^s,
/// so c − candidate = m·2^s + r with m = C − (candidate / 2^s), 32 − s + 2 bits. Its magnitude is
/// T·2^s + R with T = m, R = r for m ≥ 0 and T = −m − 1, R = 2^s − r for m &lt; 0 (T = −m, R = 0
/// when r = 0): the distances compare as T, then, when the T are equal and the m of opposite
/// signs, as r against 2^s − r, with the tie rule of §3.1 on an exact tie.
/// </summary>
public static class NearestPayloadWindow
{
    public const int Stages = 3;

    /// <summary>
    /// The field of <paramref name="coefficient"/>, computed in <paramref name="input"/>, read at
    /// <c>stages[2]</c>; values are named <c>prefix_...</c>.
    /// </summary>
    public static UInt Build(PipelineStage input, IReadOnlyList<PipelineStage> stages, string prefix, PipelineValue<SInt> coefficient, int b, int split)
    {
        if (stages.Count != Stages) throw new ArgumentException($"nearest rounding takes {Stages} stages, not {stages.Count}", nameof(stages));
        int lowShift = split - b, highShift = 32 - b;
        int width = 32 - lowShift;      // W: bits of C = c >> lowShift
        int ratio = highShift - lowShift; // d = 32 - split: the high step is 2^d low steps

        // ---- Round: c = C·2^s + r; the nearest multiple in steps, ties toward zero -----------
        var c = coefficient[input].AsUInt();
        var sign = c[31];
        var steps = c[31, lowShift].AsSInt();
        Bool remainderZero, remainderBelowHalf, remainderHalf, lowUp;
        if (lowShift == 0)
        {
            (remainderZero, remainderBelowHalf, remainderHalf, lowUp) = (Hw.True, Hw.True, Hw.False, Hw.False);
        }
        else
        {
            var top = c[lowShift - 1];
            var restZero = lowShift == 1 ? Hw.True : c[lowShift - 2, 0] == 0;
            remainderZero = !top & restZero;
            remainderBelowHalf = !top;
            remainderHalf = top & restZero;
            lowUp = top & (!restZero | sign); // above half, or half and c < 0 (ties toward zero)
        }
        // The high window's remainder is C's low d bits and r: above half when its top bit is set and any other is.
        var highTop = c[lowShift + ratio - 1];
        var highRestNonZero = !remainderZero;
        if (ratio > 1) highRestNonZero |= c[lowShift + ratio - 2, lowShift] != 0;
        var highUp = highTop & (highRestNonZero | sign);
        var lowSteps = input.Let($"{prefix}_low_steps", steps.SignExtend(width + 1) + One(lowUp, width + 1));
        var highSteps = input.Let($"{prefix}_high_steps", c[31, highShift].AsSInt().SignExtend(b + 1) + One(highUp, b + 1));
        var coarse = input.Let($"{prefix}_steps", steps);
        var negative = input.Let($"{prefix}_negative", sign);
        var zero = input.Let($"{prefix}_remainder_zero", remainderZero);
        var belowHalf = input.Let($"{prefix}_remainder_below_half", remainderBelowHalf);
        var half = input.Let($"{prefix}_remainder_half", remainderHalf);

        // ---- Clamp: each count to its window's range ---------------------------------------
        var s = stages[0];
        var digits = (ulong)((1u << b) - 1) << lowShift;
        var lowMin = -(long)(digits & 0xAAAAAAAAu) >> lowShift;
        var lowMax = (long)(digits & 0x55555555u) >> lowShift;
        var lowRaw = lowSteps[s];
        var lowClamped = s.Let($"{prefix}_low_clamped",
            Hw.Mux(lowRaw < lowMin, Hw.S(lowMin, width + 1), Hw.Mux(lowRaw > lowMax, Hw.S(lowMax, width + 1), lowRaw)));
        // High: only the top end can be passed (2^(b-1) steps is 2^31, which int32 does not hold).
        var highRaw = highSteps[s];
        var highMax = (1L << (b - 1)) - 1;
        var highClamped = s.Let($"{prefix}_high_clamped", Hw.Mux(highRaw > highMax, Hw.S(highMax, b + 1), highRaw));

        // ---- Distance: m = C - candidate/2^s, its magnitude's T; the payloads -------------------
        s = stages[1];
        var wide = width + 2;
        var cWide = coarse[s].SignExtend(wide);
        var low = lowClamped[s];
        var high = highClamped[s];
        var lowWide = low.SignExtend(wide);
        var highWide = Hw.Cat(high, Hw.U(0, ratio)).AsSInt().SignExtend(wide);
        var lowDistance = Distance(s, $"{prefix}_low", cWide - lowWide, lowWide - cWide, zero[s], width);
        var highDistance = Distance(s, $"{prefix}_high", cWide - highWide, highWide - cWide, zero[s], width);
        var lowPayload = s.Let($"{prefix}_low_payload", Negabinary(low.AsUInt()[b - 1, 0], lowShift));
        var highPayload = s.Let($"{prefix}_high_payload", Negabinary(high.AsUInt()[b - 1, 0], highShift));

        // ---- the field: the closer candidate; ties by §3.1 ------------------------------------
        s = stages[2];
        var (lowT, lowNegative) = (lowDistance.T[s], lowDistance.Negative[s]);
        var (highT, highNegative) = (highDistance.T[s], highDistance.Negative[s]);
        var c0 = negative[s];
        // Equal T, m of opposite signs: the candidates lie on both sides of c. With the high one
        // below c (m >= 0) it is closer when r < 2^s - r, or on a tie when c > 0 (smaller
        // magnitude); above c, when r > 2^s - r, or on a tie when c < 0. With r = 0 the
        // distances are equal: the tie rule alone.
        var above = !belowHalf[s] & !half[s];
        var highBelowWins = Hw.Mux(zero[s], !c0, belowHalf[s] | (half[s] & !c0));
        var highAboveWins = Hw.Mux(zero[s], c0, above | (half[s] & c0));
        var sides = Hw.Mux(highNegative, highAboveWins, highBelowWins);
        var flag = (highT < lowT) | ((highT == lowT) & (highNegative ^ lowNegative) & sides);
        return Hw.Cat(Hw.Mux(flag, highPayload[s], lowPayload[s]), flag);
    }

    /// <summary>
    /// T of m (see the class) and m's sign: m for m ≥ 0, −m when r = 0, else −m − 1; from
    /// m = <paramref name="difference"/> and −m = <paramref name="negated"/> computed side by side,
    /// so that one multiplexer follows the subtractions.
    /// </summary>
    private static (PipelineValue<UInt> T, PipelineValue<Bool> Negative) Distance(PipelineStage s, string name, SInt difference, SInt negated, Bool remainderZero, int width)
    {
        var m = difference.AsUInt();
        var negative = m[width + 1];
        var t = Hw.Mux(negative, Hw.Mux(remainderZero, negated.AsUInt(), ~m), m)[width, 0];
        return (s.Let($"{name}_distance", t), s.Let($"{name}_side", negative));
    }

    /// <summary>The b-bit payload of k·2^shift: (k + P) ^ P with P the low b bits of 0xAAAAAAAA >> shift (§3 step 5).</summary>
    private static UInt Negabinary(UInt steps, int shift)
    {
        var mask = (1UL << steps.Width) - 1;
        var pattern = (0xAAAAAAAAUL >> shift) & mask;
        return (steps + Hw.U(pattern, steps.Width)) ^ Hw.U(pattern, steps.Width);
    }

    private static SInt One(Bool bit, int width) => bit.AsUInt().ZeroExtend(width).AsSInt();
}
