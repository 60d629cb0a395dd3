using System.Numerics;
using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Pipelines;

namespace Zfpe.Cores.Codec;

/// <summary>
/// PayloadWindow with rounding <c>nearest</c> (docs/zfpe-format.md §3.1, the reference's
/// <c>ZfpeCodec.NearestPayloadWindow</c>) on one lifted coefficient c, in one stage where
/// truncate has Negabinary, then the output register.
/// </summary>
/// <remarks>
/// The reference compares the distances of two candidates; the hardware uses what follows from
/// the windows' shapes instead. The low window holds every multiple of 2^s (s = split − b) in
/// [lowMin, lowMax], the high one every multiple of 2^h (h = 32 − b) in int32, and h &gt; s. Within
/// [lowMin, lowMax] the low window's nearest value is as close as any (a high value is a low
/// step multiple too; on a tie the low one is of smaller magnitude, or the same value). Above
/// lowMax the representable values are lowMax and the high multiples, so the low window wins up
/// to the midpoint between lowMax and the first high multiple above it (included: lowMax has the
/// smaller magnitude), and the high window's nearest multiple beyond; below lowMin likewise.
/// So the flag is 1 exactly outside [<c>LowFrom</c>, <c>LowTo</c>], two constants, and each
/// payload is its window's nearest multiple (ties toward zero) as a count of steps, clamped,
/// in negabinary. With c = C·2^s + r (0 ≤ r &lt; 2^s) every comparison is one of C (32 − s bits)
/// with a constant, plus whether r is zero, below, at or above half a step: no comparison is 32
/// bits wide and none needs a carry chain. Stage one (into <c>stage</c>): the comparisons and the
/// rounding decisions; stage two (into the output register): the two b-bit payload adders and
/// the choice.
/// </remarks>
public static class NearestPayloadWindow
{
    /// <summary>Stages between the lifted coefficient and the field: the same one stage as Negabinary.</summary>
    public const int Stages = 1;

    /// <summary>
    /// The field of <paramref name="coefficient"/> (payload above, flag at bit 0), computed in
    /// <paramref name="input"/> and <paramref name="stage"/>, to be registered after
    /// <paramref name="stage"/>; values are named <c>prefix_...</c>.
    /// </summary>
    public static UInt Build(PipelineStage input, PipelineStage stage, string prefix, PipelineValue<SInt> coefficient, int b, int split)
    {
        var w = new Windows(b, split);

        // ---- into `stage`: c = C·2^s + r, compared with the constants ------------------------
        var c = coefficient[input].AsUInt();
        var sign = c[31];
        var steps = c[31, w.LowShift];
        Bool remainderZero, remainderBelowHalf, remainderAboveHalf, lowUp;
        if (w.LowShift == 0)
        {
            (remainderZero, remainderBelowHalf, remainderAboveHalf, lowUp) = (Hw.True, Hw.True, Hw.False, Hw.False);
        }
        else
        {
            var top = c[w.LowShift - 1];
            var restZero = w.LowShift == 1 ? Hw.True : c[w.LowShift - 2, 0] == 0;
            remainderZero = !top & restZero;
            remainderBelowHalf = !top;
            remainderAboveHalf = top & !restZero;
            lowUp = top & (!restZero | sign); // above half, or half and c < 0: ties toward zero
        }
        // The high window's remainder is C's low d bits (d = 32 - split) and r: past half when
        // its top bit is set and any other is, or (a tie) none is and c < 0.
        var highTop = c[w.HighShift - 1];
        var highRestNonZero = !remainderZero;
        if (w.HighShift - 1 > w.LowShift) highRestNonZero |= c[w.HighShift - 2, w.LowShift] != 0;
        var highUp = highTop & (highRestNonZero | sign);

        // c <= LowTo and c >= LowFrom, each as C against LowTo's (LowFrom's) steps and r against its remainder (0 or half a step).
        var belowTop = w.LowTo is { } to
            ? Below(steps, to >> w.LowShift) | (Equal(steps, to >> w.LowShift) & (w.IsHalfStep(to) ? !remainderAboveHalf : remainderZero))
            : Hw.True;
        var aboveBottom = Above(steps, w.LowFrom >> w.LowShift) | (Equal(steps, w.LowFrom >> w.LowShift) & (w.IsHalfStep(w.LowFrom) ? !remainderBelowHalf : Hw.True));
        var flag = input.Let($"{prefix}_flag", !(belowTop & aboveBottom));
        // The low window's count clamped: c > lowMax or c < lowMin keep the range's end.
        var lowTop = input.Let($"{prefix}_low_top", Above(steps, w.LowMaxSteps) | (Equal(steps, w.LowMaxSteps) & !remainderZero));
        var lowBottom = input.Let($"{prefix}_low_bottom", Below(steps, w.LowMinSteps));
        var highSteps = c[31, w.HighShift];
        // The high count rounded up from 2^(b-1) - 1 would be 2^31, which int32 does not hold.
        var highTopKept = input.Let($"{prefix}_high_top", Equal(highSteps, (1L << (b - 1)) - 1) & highUp);
        var lowCount = input.Let($"{prefix}_low_count", steps[b - 1, 0]);
        var lowRoundUp = input.Let($"{prefix}_low_up", lowUp);
        var highCount = input.Let($"{prefix}_high_count", highSteps);
        var highRoundUp = input.Let($"{prefix}_high_up", highUp);

        // ---- into the output register: the payloads, and the chosen one ----------------------
        // (The clamped payloads are constants selected by registered flags: a register's
        // set/reset pin may carry them, but the path there is short.)
        var low = Hw.Mux(lowTop[stage], Hw.U(w.Payload(w.LowMax, w.LowShift), b),
            Hw.Mux(lowBottom[stage], Hw.U(w.Payload(w.LowMin, w.LowShift), b), Negabinary(lowCount[stage], lowRoundUp[stage], w.LowShift)));
        var high = Hw.Mux(highTopKept[stage], Hw.U(w.Payload(w.HighMax, w.HighShift), b), Negabinary(highCount[stage], highRoundUp[stage], w.HighShift));
        var chosen = flag[stage];
        return Hw.Cat(Hw.Mux(chosen, high, low), chosen);
    }

    /// <summary>
    /// The b-bit payload of (count + up)·2^shift (§3 step 5, with u's low shift bits zero):
    /// (count + up + P) ^ P with P the low b bits of 0xAAAAAAAA &gt;&gt; shift; one adder, P + up a constant pair.
    /// </summary>
    private static UInt Negabinary(UInt count, Bool up, int shift)
    {
        var width = count.Width;
        var mask = (1UL << width) - 1;
        var pattern = (0xAAAAAAAAUL >> shift) & mask;
        return (count + Hw.Mux(up, Hw.U((pattern + 1) & mask, width), Hw.U(pattern, width))) ^ Hw.U(pattern, width);
    }

    // ---- comparisons of a two's complement value with a constant, as plain logic ---------------
    // (Yosys maps $lt with a constant to a carry chain: 2 LUT4-equivalents per 2 bits; as AND/OR
    // terms ABC folds a comparison of 7 bits into 2 or 3 LUT4.)

    /// <summary><paramref name="value"/> (two's complement) &lt; <paramref name="constant"/>.</summary>
    private static Bool Below(UInt value, BigInteger constant)
    {
        var width = value.Width;
        var min = -(BigInteger.One << (width - 1));
        var max = (BigInteger.One << (width - 1)) - 1;
        if (constant > max) return Hw.True;
        if (constant <= min) return Hw.False;
        // Offset binary (sign bit inverted) compares as unsigned; from bit 0 up, "less so far".
        var k = constant - min;
        Bool less = Hw.False;
        for (var i = 0; i < width; i++)
        {
            var bit = i == width - 1 ? !value[i] : value[i];
            less = ((k >> i) & 1) == 1 ? !bit | less : !bit & less;
        }
        return less;
    }

    /// <summary><paramref name="value"/> (two's complement) &gt; <paramref name="constant"/>.</summary>
    private static Bool Above(UInt value, BigInteger constant) => !Below(value, constant + 1);

    /// <summary><paramref name="value"/> (two's complement) = <paramref name="constant"/>.</summary>
    private static Bool Equal(UInt value, BigInteger constant)
    {
        var width = value.Width;
        if (constant < -(BigInteger.One << (width - 1)) || constant >= BigInteger.One << (width - 1)) return Hw.False;
        var bits = constant < 0 ? constant + (BigInteger.One << width) : constant;
        return value == Hw.U(bits, width);
    }

    /// <summary>The two windows' constants for b and split (§3.1).</summary>
    private sealed class Windows
    {
        public Windows(int b, int split)
        {
            B = b;
            LowShift = split - b;
            HighShift = 32 - b;
            var digits = (long)((1UL << b) - 1) << LowShift;
            LowMax = digits & 0x55555555L;
            LowMin = -(digits & 0xAAAAAAAAL);
            HighMax = (1L << 31) - (1L << HighShift);
            // The first high multiple above lowMax, the last below lowMin: the low window is chosen
            // up to the midpoints (rounded toward the low window's end: both ends are included).
            var above = ((LowMax >> HighShift) + 1) << HighShift;
            var below = ((LowMin - 1) >> HighShift) << HighShift;
            LowTo = above > HighMax ? null : (LowMax + above) >> 1;
            LowFrom = -((-(LowMin + below)) >> 1);
        }

        public int B { get; }
        public int LowShift { get; }
        public int HighShift { get; }
        public long LowMax { get; }
        public long LowMin { get; }
        public long HighMax { get; }
        public long LowMaxSteps => LowMax >> LowShift;
        public long LowMinSteps => LowMin >> LowShift;

        /// <summary>The largest c coded in the low window; null: every c above lowMax (no high multiple there).</summary>
        public long? LowTo { get; }

        /// <summary>The smallest c coded in the low window.</summary>
        public long LowFrom { get; }

        /// <summary>Whether <paramref name="bound"/> is half a step past a multiple of 2^s (else it is a multiple; nothing else occurs).</summary>
        public bool IsHalfStep(long bound)
        {
            var remainder = bound & ((1L << LowShift) - 1);
            if (remainder != 0 && remainder != 1L << (LowShift - 1))
                throw new InvalidOperationException($"internal: bound {bound} is neither a multiple of 2^{LowShift} nor half a step past one");
            return remainder != 0;
        }

        /// <summary>The payload of <paramref name="value"/> (a multiple of 2^shift) in the window with that shift.</summary>
        public ulong Payload(long value, int shift) => ((((ulong)value + 0xAAAAAAAAUL) ^ 0xAAAAAAAAUL) & 0xFFFFFFFFUL) >> shift & ((1UL << B) - 1);
    }
}
