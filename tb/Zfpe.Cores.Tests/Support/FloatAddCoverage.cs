using Zfpe.Reference.Float;

namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// Which of the adder's cases a set of operand pairs reaches, computed with the reference's own
/// steps (order, align, add, normalise): the tests assert that every case occurred.
/// </summary>
public sealed class FloatAddCoverage(SimpleFloatFormat format)
{
    public HashSet<int> Shifts { get; } = [];
    public long Carries { get; private set; }
    public long Cancellations { get; private set; }
    public long FarAlignments { get; private set; }
    public long ZeroOperands { get; private set; }
    public long Exponent255 { get; private set; }
    public long Saturated { get; private set; }
    public long Underflows { get; private set; }

    public void Add(uint a, uint b)
    {
        int m = format.SignificandBits, g = format.GuardBits, w = format.SumWidth;
        var result = SimpleFloat.Add(a, b, format);
        if ((result & 0x7FFF_FFFF) == format.LargestFiniteBits) Saturated++;
        static (bool Negative, int Exponent, ulong Significand) Decode(uint x, int m)
        {
            var e = (int)(x >> 23) & 0xFF;
            return e == 0 ? (false, 0, 0UL) : ((x >> 31) == 1, e, (ulong)(((x & 0x7F_FFFF) | 0x80_0000) >> (24 - m)));
        }
        var p = Decode(a, m);
        var q = Decode(b, m);
        if (p.Significand == 0 || q.Significand == 0) ZeroOperands++;
        if (p.Exponent == 255 || q.Exponent == 255) Exponent255++;
        var swap = q.Exponent > p.Exponent || (q.Exponent == p.Exponent && q.Significand > p.Significand);
        var (big, small) = swap ? (q, p) : (p, q);
        if (big.Significand == 0) return;
        var d = big.Exponent - small.Exponent;
        if (small.Significand != 0 && d >= w) FarAlignments++;
        var aligned = d >= w ? 0 : (small.Significand << g) >> d;
        var sum = big.Negative == small.Negative ? (big.Significand << g) + aligned : (big.Significand << g) - aligned;
        if (sum == 0) { Cancellations++; return; }
        if ((sum >> w) != 0) { Carries++; return; }
        SimpleFloat.Normalise(sum, w, format.NormaliseShifts, out var shift);
        Shifts.Add(shift);
        if (big.Exponent - shift <= 0) Underflows++;
    }

    public void AssertComplete()
    {
        // The largest shift a sum can need: (Ma − Mb) << G (distance 0) keeps G trailing zeros and
        // (2·Ma − Mb) << (G − 1) (distance 1) keeps G − 1, so m − 1 for G = 0 and m otherwise
        // (m + G − 1, the normaliser's range, only when G ≤ 1).
        var m = format.SignificandBits;
        var largest = format.GuardBits == 0 ? m - 1 : m;
        var missing = Enumerable.Range(0, largest + 1).Where(s => !Shifts.Contains(s)).ToList();
        Assert.True(missing.Count == 0, $"{format}: normalisation shifts never exercised: {string.Join(", ", missing)}");
        Assert.True(Carries > 100, $"{format}: {Carries} carries");
        Assert.True(Cancellations > 100, $"{format}: {Cancellations} exact cancellations");
        Assert.True(FarAlignments > 100, $"{format}: {FarAlignments} alignments of m + G or more");
        Assert.True(ZeroOperands > 100, $"{format}: {ZeroOperands} zero operands");
        Assert.True(Exponent255 > 100, $"{format}: {Exponent255} operands with exponent field 255");
        Assert.True(Saturated > 100, $"{format}: {Saturated} saturated results");
        Assert.True(Underflows > 100, $"{format}: {Underflows} underflows");
    }
}
