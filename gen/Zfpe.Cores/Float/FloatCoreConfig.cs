using Zfpe.Hdl;

namespace Zfpe.Cores.Float;

/// <summary>
/// The parameters of the float cores (<see cref="FloatMultiplier"/>, <see cref="FloatAdder"/>):
/// the number format of gen/Zfpe.Reference/Float/README.md (<paramref name="M"/>, <paramref name="GuardBits"/>;
/// the same ranges as <c>SimpleFloatFormat</c>, which a test checks) and the adder's pipeline
/// depth <paramref name="LevelsPerStage"/>: how many shift levels of its alignment shifter and
/// normaliser share one register stage (fewer: more stages, more flip-flops, a faster clock).
/// The multiplier has no guard bits and a fixed depth; it ignores the other two.
/// </summary>
public sealed record FloatCoreConfig(
    [property: Parameter("m", "significand bits including the hidden bit (18: one MULT18X18D per product)", Min = FloatCoreConfig.MinM, Max = FloatCoreConfig.MaxM)] int M = 18,
    [property: Parameter("guard-bits", "adder: bits kept below the aligned significands (no sticky bit)", Min = FloatCoreConfig.MinGuardBits, Max = FloatCoreConfig.MaxGuardBits)] int GuardBits = 1,
    [property: Parameter("levels-per-stage", "adder: shifter and normaliser levels per register stage (fewer: deeper pipeline, faster clock)", Min = 1, Max = 8)] int LevelsPerStage = 2)
{
    public const int MinM = 2;
    public const int MaxM = 24;
    public const int MinGuardBits = 0;
    public const int MaxGuardBits = 8;

    /// <summary>m ≤ 18: the multiplier's product is one MULT18X18D; above, a fabric (<c>*</c>) multiplier.</summary>
    public const int DspWidth = 18;

    /// <summary>Throws a <see cref="ParameterValueException"/> naming the parameter, its value and the allowed range.</summary>
    public void Validate() => ConfigParameters.Check(this);

    /// <summary>The adder's sum register without its carry: m + G bits.</summary>
    public int SumWidth => M + GuardBits;

    /// <summary>
    /// The adder's normaliser shifts (Float/README.md, adder step 5): each half, rounded up, of the
    /// leading zeros that can remain before it; 9, 5, 2, 1, 1 for m = 18, G = 1.
    /// </summary>
    public IReadOnlyList<int> NormaliseShifts
    {
        get
        {
            var stages = new List<int>();
            for (var remaining = SumWidth - 1; remaining > 0; remaining /= 2)
                stages.Add((remaining + 1) / 2);
            return stages;
        }
    }

    /// <summary>Bits of the alignment distance the shifter uses: 2^bits ≥ m + G, so larger distances shift everything out.</summary>
    public int AlignShiftBits
    {
        get
        {
            var bits = 0;
            while ((1 << bits) < SumWidth) bits++;
            return Math.Max(1, bits);
        }
    }
}
