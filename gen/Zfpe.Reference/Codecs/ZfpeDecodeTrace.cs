namespace Zfpe.Reference.Codecs;

/// <summary>
/// Every intermediate stage of decompressing one ZFPe block (docs/zfpe-format.md §4), for comparing the
/// decompressor's pipeline stages with the reference.
/// </summary>
public sealed class ZfpeDecodeTrace
{
    /// <summary>The biased block exponent field E as read (0 = the zero block).</summary>
    public required int E { get; init; }

    /// <summary>emax = E − 127.</summary>
    public int Emax => E - ZfpeCodec.ExponentBias;

    public bool IsZeroBlock => E == 0;

    public required bool[] Flags { get; init; }

    public required uint[] Payloads { get; init; }

    /// <summary>Step 2: the reconstructed negabinary words (dropped low bits are zero).</summary>
    public required uint[] Negabinary { get; init; }

    /// <summary>Step 3: the two's complement coefficients, before the inverse lift.</summary>
    public required int[] Lifted { get; init; }

    /// <summary>Step 4: the fixed-point values after the inverse lift.</summary>
    public required int[] FixedPoint { get; init; }

    /// <summary>Step 5: the decoded floats.</summary>
    public required float[] Values { get; init; }

    public override string ToString() =>
        $"E={E} u=[{string.Join(", ", Negabinary.Select(u => $"0x{u:X8}"))}] lifted=[{string.Join(", ", Lifted)}] " +
        $"q=[{string.Join(", ", FixedPoint)}] values=[{string.Join(", ", Values.Select(v => v.ToString("R")))}]";
}
