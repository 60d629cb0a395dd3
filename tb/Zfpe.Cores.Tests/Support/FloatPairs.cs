using Zfpe.Reference.Float;

namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// Operand pairs for the float cores: wide-range random values mixed with the classes where a
/// simplified float core can go wrong (Float/README.md): zero and subnormal operands, exponent
/// field 255, exact cancellation, equal magnitudes, alignment gaps around and beyond m + G,
/// carries, every normalisation shift, overflow and underflow.
/// </summary>
public static class FloatPairs
{
    private static uint Word(bool negative, int exponent, uint fraction) =>
        (negative ? 0x8000_0000u : 0u) | ((uint)exponent << 23) | (fraction & 0x7F_FFFFu);

    private static uint Fraction(Random r) => (uint)r.Next(1 << 23);

    private static bool Sign(Random r) => r.Next(2) == 1;

    /// <summary>A normal value (exponent field 1..254), random sign and fraction.</summary>
    private static uint Normal(Random r) => Word(Sign(r), 1 + r.Next(254), Fraction(r));

    /// <summary>An exponent field 0 operand: ±0 or a subnormal.</summary>
    private static uint ZeroOrSubnormal(Random r) => Word(Sign(r), 0, r.Next(3) == 0 ? 0 : Fraction(r));

    /// <summary>Any operand class, for the partner of a special operand.</summary>
    private static uint Any(Random r) => r.Next(8) switch
    {
        0 => ZeroOrSubnormal(r),
        1 => Word(Sign(r), 255, Fraction(r)),
        2 => (uint)r.NextInt64(1L << 32),
        _ => Normal(r),
    };

    private static int Clamp(int e, int lo, int hi) => Math.Max(lo, Math.Min(hi, e));

    /// <summary>A pair for the multiplier.</summary>
    public static (uint A, uint B) ForMultiply(Random r, SimpleFloatFormat format)
    {
        int m = format.SignificandBits;
        switch (r.Next(12))
        {
            case 0: return ((uint)r.NextInt64(1L << 32), (uint)r.NextInt64(1L << 32));
            case 1: return Swap(r, ZeroOrSubnormal(r), Any(r));
            case 2: return Swap(r, Word(Sign(r), 255, Fraction(r)), Any(r));
            case 3:
            {
                // Around overflow: Ea + Eb − 127 near 254 (the product's carry decides).
                var sum = 127 + 250 + r.Next(12);
                var ea = Clamp(sum - 1 - r.Next(254), 1, 255);
                return (Word(Sign(r), ea, Fraction(r)), Word(Sign(r), Clamp(sum - ea, 1, 255), Fraction(r)));
            }
            case 4:
            {
                // Around underflow: Ea + Eb − 127 near 0.
                var sum = 127 - 4 + r.Next(8);
                var ea = Clamp(1 + r.Next(sum - 1), 1, 254);
                return (Word(Sign(r), ea, Fraction(r)), Word(Sign(r), Clamp(sum - ea, 1, 254), Fraction(r)));
            }
            case 5:
            {
                // Significands at the edges: all ones (carry), hidden bit only (no carry), random low bits below m.
                uint Edge() => r.Next(3) switch { 0 => 0x7F_FFFFu, 1 => (uint)r.Next(1 << (24 - m)), _ => Fraction(r) };
                return (Word(Sign(r), 64 + r.Next(128), Edge()), Word(Sign(r), 64 + r.Next(128), Edge()));
            }
            default: return (Normal(r), Normal(r));
        }
    }

    /// <summary>A pair for the adder.</summary>
    public static (uint A, uint B) ForAdd(Random r, SimpleFloatFormat format)
    {
        int m = format.SignificandBits, w = format.SumWidth;
        var lowBits = 24 - m;
        switch (r.Next(16))
        {
            case 0: return ((uint)r.NextInt64(1L << 32), (uint)r.NextInt64(1L << 32));
            case 1: return Swap(r, ZeroOrSubnormal(r), Any(r));
            case 2: return Swap(r, Word(Sign(r), 250 + r.Next(6), Fraction(r)), Word(Sign(r), 240 + r.Next(16), Fraction(r)));
            case 3:
            {
                // Exact cancellation: the same truncated magnitude, opposite signs (the ignored low bits may differ).
                var a = Normal(r);
                var b = (a ^ 0x8000_0000u) & ~((1u << lowBits) - 1) | (uint)r.Next(1 << lowBits);
                return (a, b);
            }
            case 4:
            {
                // Equal magnitudes, same sign: a carry out.
                var a = Normal(r);
                return (a, r.Next(2) == 0 ? a : a ^ 0x8000_0000u);
            }
            case 5:
            {
                // Alignment gaps around and beyond m + G.
                var ea = 40 + r.Next(200);
                var d = Math.Max(0, w - 3 + r.Next(8));
                return Swap(r, Word(Sign(r), ea, Fraction(r)), Word(Sign(r), Clamp(ea - d, 0, 254), Fraction(r)));
            }
            case 6:
            {
                // Every distance below 32.
                var ea = 33 + r.Next(200);
                return Swap(r, Word(Sign(r), ea, Fraction(r)), Word(Sign(r), ea - r.Next(32), Fraction(r)));
            }
            case 7:
            case 8:
            {
                // Near cancellation: distance 0 or 1, opposite signs, a difference with a chosen
                // bit length, so that every normalisation shift occurs.
                var ea = 1 + r.Next(254);
                var d = r.Next(2);
                var big = (1u << (m - 1)) | (uint)r.Next(1 << (m - 1));
                uint small;
                if (d == 0)
                {
                    var bits = 1 + r.Next(m - 1);
                    var diff = (1u << (bits - 1)) | (uint)r.Next(1 << (bits - 1));
                    small = big - Math.Min(diff, big - (1u << (m - 1)));
                }
                else
                {
                    // small / 2 close to big: small near 2·big − 2^k.
                    big = (1u << (m - 1)) | (uint)r.Next(Math.Max(1, 1 << r.Next(m - 1)));
                    small = Math.Min((1u << m) - 1, 2 * big - 1 - (uint)r.Next(1 << r.Next(m)));
                    small = Math.Max(small, 1u << (m - 1));
                }
                var sa = Sign(r);
                var a = Word(sa, ea, (big << lowBits) | (uint)r.Next(1 << lowBits));
                var b = Word(!sa, Clamp(ea - d, 1, 254), (small << lowBits) | (uint)r.Next(1 << lowBits));
                return Swap(r, a, b);
            }
            case 9:
            {
                // Underflow: small exponents, opposite signs.
                var ea = 1 + r.Next(8);
                return Swap(r, Word(false, ea, Fraction(r)), Word(true, Clamp(ea - r.Next(2), 1, 254), Fraction(r)));
            }
            case 10: return Swap(r, Word(Sign(r), 255, Fraction(r)), Any(r));
            default:
            {
                var a = Normal(r);
                var eb = Clamp((int)(a >> 23 & 0xFF) - 8 + r.Next(17), 1, 254);
                return (a, Word(Sign(r), eb, Fraction(r)));
            }
        }
    }

    private static (uint, uint) Swap(Random r, uint x, uint y) => r.Next(2) == 0 ? (x, y) : (y, x);

    public static ulong Pack((uint A, uint B) pair) => pair.A | (ulong)pair.B << 32;
}
