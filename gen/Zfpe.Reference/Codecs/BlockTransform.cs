namespace Zfpe.Reference.Codecs;

/// <summary>
/// The steps ZFP and ZFPe share (docs/zfpe-format.md §3 steps 3–5 and §4 steps 3–4): block-floating-point
/// fixed point, the 1-D lifting transform and the negabinary map, each with its inverse. All integer
/// arithmetic is int32 with wrap-around and arithmetic (flooring) right shifts, as in the hardware.
/// </summary>
public static class BlockTransform
{
    /// <summary>The negabinary mask 0xAAAAAAAA (§3 step 5).</summary>
    public const uint NegabinaryMask = 0xAAAAAAAAu;

    /// <summary>
    /// Fixed point (§3 step 3): <c>q_k = trunc(x_k · 2^(30 − emax))</c>, truncated toward zero.
    /// Computed in the hardware form, exactly and without floating-point arithmetic: with M the
    /// 24-bit significand (hidden bit included; 0 for subnormals) and F = max(exponent field, 1),
    /// <c>|q| = floor(M · 2^(F − 120 − emax))</c> and the sign is applied after truncation.
    /// Every value must satisfy |x| &lt; 2^emax (the result then fits in 30 bits); NaN and ±Inf are
    /// not accepted (the codecs replace them first).
    /// </summary>
    public static void FixedPoint(ReadOnlySpan<float> block, int emax, Span<int> q)
    {
        if (q.Length < block.Length)
            throw new ArgumentException($"the fixed-point output holds {q.Length} values but the block has {block.Length}: pass a span at least as long as the block");
        for (int k = 0; k < block.Length; k++)
            q[k] = FixedPoint(block[k], emax);
    }

    /// <summary>Fixed point of one value relative to the block exponent emax (see the span overload).</summary>
    public static int FixedPoint(float x, int emax)
    {
        uint bits = BitConverter.SingleToUInt32Bits(x);
        if ((bits & 0x7FFFFFFFu) == 0)
            return 0;
        int field = (int)(bits >> 23) & 0xFF;
        // frexp's exponent: |x| < 2^(field − 126) for a normal float, below 2^-126 for a subnormal.
        int exponent = field == 0 ? -126 : field - 126;
        if (field == 0xFF || exponent > emax)
            throw new ArgumentException($"value {x:R} is not below 2^emax = 2^{emax}: emax must be the block exponent of a block holding only finite values");
        return FixedPointInBlock(bits, emax);
    }

    /// <summary>
    /// The fixed point of a float given by its bits, for callers that know |x| &lt; 2^emax (the
    /// codecs' inner loops): |q| = floor(M · 2^(F − 120 − emax)), F − 120 − emax ≤ 7, sign after.
    /// </summary>
    internal static int FixedPointInBlock(uint bits, int emax)
    {
        int field = (int)(bits >> 23) & 0xFF;
        long significand = (bits & 0x7FFFFF) | (field != 0 ? 0x800000u : 0u);
        int shift = Math.Max(field, 1) - 120 - emax;
        // Pre-shift by 8 so that every shift is rightward (flooring); shifts past 63 give 0.
        int magnitude = (int)((significand << 8) >> Math.Min(8 - shift, 63));
        return (int)bits < 0 ? -magnitude : magnitude;
    }

    /// <summary>ZFP's forward lifting transform of (x, y, z, w) (§3 step 4); the result is in sequency order.</summary>
    public static void ForwardLift(Span<int> p)
    {
        int x = p[0], y = p[1], z = p[2], w = p[3];
        ForwardLift(ref x, ref y, ref z, ref w);
        p[0] = x; p[1] = y; p[2] = z; p[3] = w;
    }

    internal static void ForwardLift(ref int x, ref int y, ref int z, ref int w)
    {
        unchecked
        {
            x += w; x >>= 1; w -= x;
            z += y; z >>= 1; y -= z;
            x += z; x >>= 1; z -= x;
            w += y; w >>= 1; y -= w;
            w += y >> 1; y -= w >> 1;
        }
    }

    /// <summary>The inverse lift (§4 step 4).</summary>
    public static void InverseLift(Span<int> p)
    {
        int x = p[0], y = p[1], z = p[2], w = p[3];
        InverseLift(ref x, ref y, ref z, ref w);
        p[0] = x; p[1] = y; p[2] = z; p[3] = w;
    }

    internal static void InverseLift(ref int x, ref int y, ref int z, ref int w)
    {
        unchecked
        {
            y += w >> 1; w -= y >> 1;
            y += w; w <<= 1; w -= y;
            z += x; x <<= 1; x -= z;
            y += z; z <<= 1; z -= y;
            w += x; x <<= 1; x -= w;
        }
    }

    /// <summary>Two's complement to negabinary (§3 step 5): <c>(q + 0xAAAAAAAA) XOR 0xAAAAAAAA</c>.</summary>
    public static uint Negabinary(int q) => unchecked(((uint)q + NegabinaryMask) ^ NegabinaryMask);

    /// <summary>Negabinary to two's complement (§4 step 3): <c>(u XOR 0xAAAAAAAA) − 0xAAAAAAAA</c>.</summary>
    public static int InverseNegabinary(uint u) => unchecked((int)((u ^ NegabinaryMask) - NegabinaryMask));
}
