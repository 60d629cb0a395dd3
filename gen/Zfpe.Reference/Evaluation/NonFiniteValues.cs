using System.Globalization;
using Zfpe.Reference.Files;

namespace Zfpe.Reference.Evaluation;

/// <summary>
/// The NaN and ±Inf values of a tensor (including float64 values too large for float32, which
/// became ±Inf when read), and the warnings that say exactly what each method does with them:
/// the documented policy of each codec (docs/zfpe-format.md §6) and, where a stream was decoded,
/// what actually came back and what it cost the other values of their blocks.
/// </summary>
public sealed class NonFiniteValues
{
    private NonFiniteValues(Tensor tensor)
    {
        var values = tensor.Values;
        for (long i = 0; i < values.LongLength; i++)
        {
            float x = values[i];
            if (float.IsFinite(x))
                continue;
            if (First < 0)
                First = i;
            if (float.IsNaN(x)) NaN++;
            else if (x > 0) PositiveInfinity++;
            else NegativeInfinity++;
        }
        Float64Overflows = tensor.Float32Overflows;
        FirstOverflow = tensor.FirstFloat32Overflow;
    }

    public long NaN { get; }

    public long PositiveInfinity { get; }

    public long NegativeInfinity { get; }

    /// <summary>Index of the first non-finite value, or −1.</summary>
    public long First { get; } = -1;

    /// <summary>Of the infinities, how many were finite float64 values on disk.</summary>
    public long Float64Overflows { get; }

    public long FirstOverflow { get; }

    public long Count => NaN + PositiveInfinity + NegativeInfinity;

    public static NonFiniteValues Scan(Tensor tensor) => new(tensor);

    /// <summary>"w.npy holds 3 values that are not finite numbers: 1 NaN, 2 +Inf (the first at index 17)", with the float64 overflows named.</summary>
    public string Summary(string path)
    {
        var kinds = new List<string>();
        if (NaN > 0) kinds.Add($"{NaN} NaN");
        if (PositiveInfinity > 0) kinds.Add($"{PositiveInfinity} +Inf");
        if (NegativeInfinity > 0) kinds.Add($"{NegativeInfinity} -Inf");
        string text = $"{path} holds {Count} value{(Count == 1 ? "" : "s")} that {(Count == 1 ? "is" : "are")} not finite: {string.Join(", ", kinds)} (the first at index {First})";
        if (Float64Overflows > 0)
            text += $"; {Float64Overflows} of the infinities {(Float64Overflows == 1 ? "was a finite float64 value" : "were finite float64 values")} beyond float32's range " +
                    $"(|x| > {float.MaxValue.ToString("R", CultureInfo.InvariantCulture)}; the first at index {FirstOverflow}), which became ±Inf when read as float32";
        return text;
    }

    /// <summary>Where the policies are specified.</summary>
    public const string Specification = "docs/zfpe-format.md §6";

    /// <summary>What a codec does with NaN and ±Inf: one policy per codec.</summary>
    public static string Policy(CodecKind codec) => codec == CodecKind.Zfpe
        ? "ZFPe codes NaN as 0 and ±Inf as ±FLT_MAX, and FLT_MAX then sets the block exponent of its block"
        : "ZFP, which leaves them undefined, gets the same replacement here (NaN as 0, ±Inf as ±FLT_MAX), and zfp's float32 decoding may round FLT_MAX up to ±inf";

    /// <summary>What the baseline quantizers do with them.</summary>
    public const string QuantizerPolicy =
        "the int and pow2 baselines fit their ranges to the finite values only and have no code for the others";

    /// <summary>
    /// What actually came back for the non-finite values, and what the values sharing a block of
    /// <paramref name="blockSize"/> with them lost: "they decode as 0 (1 NaN) and +3.3895314E+38
    /// (2 +Inf); the 6 other values of their 2 blocks come back with errors up to 2.1E+30".
    /// </summary>
    public static string Outcome(ReadOnlySpan<float> original, ReadOnlySpan<float> decoded, int blockSize)
    {
        var decodedAs = new SortedDictionary<string, SortedSet<float>>(StringComparer.Ordinal);
        long blocks = 0, others = 0;
        double worst = 0;
        for (int start = 0; start < original.Length; start += blockSize)
        {
            int end = Math.Min(original.Length, start + blockSize);
            bool hit = false;
            for (int i = start; i < end; i++)
            {
                if (float.IsFinite(original[i]))
                    continue;
                hit = true;
                string kind = float.IsNaN(original[i]) ? "NaN" : original[i] > 0 ? "+Inf" : "-Inf";
                if (!decodedAs.TryGetValue(kind, out var set))
                    decodedAs[kind] = set = [];
                set.Add(decoded[i]);
            }
            if (!hit)
                continue;
            blocks++;
            for (int i = start; i < end; i++)
            {
                if (!float.IsFinite(original[i]))
                    continue;
                others++;
                worst = Math.Max(worst, Math.Abs((double)decoded[i] - original[i]));
            }
        }
        var parts = decodedAs.Select(kv => $"{kv.Key} as {Values(kv.Value)}");
        string text = $"here they decode as: {string.Join("; ", parts)}";
        if (others > 0)
            text += $"; the {others} finite value{(others == 1 ? "" : "s")} sharing {(blocks == 1 ? "a block" : $"their {blocks} blocks")} with them come back with errors up to {worst.ToString("G3", CultureInfo.InvariantCulture)}";
        return text;
    }

    private static string Values(SortedSet<float> values) => values.Count <= 3
        ? string.Join(", ", values.Select(Format))
        : $"{values.Count} values from {Format(values.Min)} to {Format(values.Max)}";

    private static string Format(float x) => float.IsPositiveInfinity(x) ? "+inf" : float.IsNegativeInfinity(x) ? "-inf" : x.ToString("R", CultureInfo.InvariantCulture);
}
