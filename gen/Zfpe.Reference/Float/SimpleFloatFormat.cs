namespace Zfpe.Reference.Float;

/// <summary>
/// The number format of the accelerator's float cores (see Float/README.md): float32's sign and
/// 8-bit exponent with the significand cut to <paramref name="SignificandBits"/> bits (hidden bit
/// included), and <paramref name="GuardBits"/> extra bits kept below the significand while the
/// adder aligns its operands.
/// </summary>
/// <param name="SignificandBits">m, the significand width including the hidden bit: 18 makes a product one MULT18X18D.</param>
/// <param name="GuardBits">G, bits kept below the smaller operand's significand during alignment.</param>
public sealed record SimpleFloatFormat(int SignificandBits = 18, int GuardBits = 1)
{
    public const int MinSignificandBits = 2;
    public const int MaxSignificandBits = 24;
    public const int MinGuardBits = 0;
    public const int MaxGuardBits = 8;

    /// <summary>The default format: m = 18, G = 1.</summary>
    public static SimpleFloatFormat Default { get; } = new();

    public void Validate()
    {
        if (SignificandBits is < MinSignificandBits or > MaxSignificandBits)
            throw new ArgumentOutOfRangeException(nameof(SignificandBits),
                $"significand-bits = {SignificandBits} is out of range: allowed {MinSignificandBits}..{MaxSignificandBits} (hidden bit included; 18 fits one MULT18X18D)");
        if (GuardBits is < MinGuardBits or > MaxGuardBits)
            throw new ArgumentOutOfRangeException(nameof(GuardBits),
                $"guard-bits = {GuardBits} is out of range: allowed {MinGuardBits}..{MaxGuardBits}");
    }

    /// <summary>The float32 bit pattern of the largest finite value: exponent field 254, all m significand bits set.</summary>
    public uint LargestFiniteBits => (254u << 23) | ((1u << 23) - (1u << (24 - SignificandBits)));

    /// <summary>The largest finite value, (2 − 2^(1−m)) · 2^127; results that overflow saturate to it.</summary>
    public float LargestFinite => BitConverter.UInt32BitsToSingle(LargestFiniteBits);

    /// <summary>Width of the adder's sum register without its carry bit: m + G.</summary>
    public int SumWidth => SignificandBits + GuardBits;

    /// <summary>The most leading zeros a non-zero difference can have: m + G − 1.</summary>
    public int MaxNormaliseShift => SumWidth - 1;

    /// <summary>
    /// The adder's normaliser: conditional left shifts, each half (rounded up) of the leading zeros
    /// that can remain before it, so every count 0..<see cref="MaxNormaliseShift"/> is reached by
    /// testing the stages greedily. For m = 18, G = 1 this is 9, 5, 2, 1, 1.
    /// </summary>
    public IReadOnlyList<int> NormaliseShifts
    {
        get
        {
            var stages = new List<int>();
            for (int remaining = MaxNormaliseShift; remaining > 0; remaining /= 2)
                stages.Add((remaining + 1) / 2);
            return stages;
        }
    }

    public override string ToString() => $"m={SignificandBits}, G={GuardBits}";
}
