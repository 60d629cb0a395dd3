namespace Zfpe.Reference.Codecs;

/// <summary>
/// Every intermediate stage of compressing one ZFPe block (docs/zfpe-format.md §3), so that a test can
/// compare each hardware pipeline stage with the reference. Arrays hold the four coefficients in
/// block order.
/// </summary>
public sealed class ZfpeBlockTrace
{
    /// <summary>The four inputs after step 1 (NaN → 0, ±Inf → ±FLT_MAX).</summary>
    public required float[] Input { get; init; }

    /// <summary>True when the block held a NaN or an infinity (the sticky status of §3 step 1).</summary>
    public required bool NonFiniteInput { get; init; }

    /// <summary>The biased block exponent field E (0 = the zero block).</summary>
    public required int E { get; init; }

    /// <summary>emax = E − 127 (−127 for the zero block).</summary>
    public int Emax => E - ZfpeCodec.ExponentBias;

    public bool IsZeroBlock => E == 0;

    /// <summary>Step 3: q_k = trunc(x_k · 2^(30 − emax)); all zero for the zero block.</summary>
    public required int[] FixedPoint { get; init; }

    /// <summary>Step 4: the coefficients after the forward lift.</summary>
    public required int[] Lifted { get; init; }

    /// <summary>Step 5: the negabinary words u_k.</summary>
    public required uint[] Negabinary { get; init; }

    /// <summary>Step 6: true when the high window was chosen (u_k &gt;&gt; split ≠ 0).</summary>
    public required bool[] Flags { get; init; }

    /// <summary>Step 6: the b-bit payloads.</summary>
    public required uint[] Payloads { get; init; }

    /// <summary>Step 7: the packed block, bit 0 first emitted; only the low BlockBits bits can be set.</summary>
    public required UInt128 Bits { get; init; }

    public override string ToString() =>
        $"E={E} q=[{string.Join(", ", FixedPoint)}] lifted=[{string.Join(", ", Lifted)}] " +
        $"u=[{string.Join(", ", Negabinary.Select(u => $"0x{u:X8}"))}] " +
        $"flags=[{string.Join(", ", Flags.Select(f => f ? 1 : 0))}] payloads=[{string.Join(", ", Payloads)}] bits=0x{Bits:X}";
}
