namespace Zfpe.Reference.Codecs;

/// <summary>
/// The parameters of the ZFPe block code (docs/zfpe-format.md §2): <paramref name="B"/> payload bits
/// per coefficient, the width of the block exponent field, and the split point that decides
/// between the high and the low payload window; and how the encoder picks a coefficient's field
/// (<see cref="ZfpeRounding"/>, an encoder setting only: the decoder ignores it).
/// </summary>
public sealed record ZfpeParameters(int B = 5, int ExponentBits = 8, int Split = 28, ZfpeRounding Rounding = ZfpeRounding.Truncate)
{
    public const int MinB = 1;
    public const int MaxB = 28;
    public const int MaxSplit = 31;

    /// <summary>Values per block (1-D blocks of 4).</summary>
    public const int BlockSize = 4;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the parameter, its value and the allowed range.</summary>
    public void Validate()
    {
        if (B is < MinB or > MaxB)
            throw new ArgumentException($"b (payload bits) = {B} is out of range: allowed {MinB}..{MaxB}");
        if (ExponentBits is not (8 or 9))
            throw new ArgumentException($"exponent-bits = {ExponentBits} is not allowed: use 8 (exact fit) or 9 (the authors' format)");
        if (Split < B || Split > MaxSplit)
            throw new ArgumentException($"split = {Split} is out of range: allowed b..{MaxSplit} = {B}..{MaxSplit}");
        if (!Enum.IsDefined(Rounding))
            throw new ArgumentException($"rounding = {(int)Rounding} is not allowed: use {RoundingNames}");
    }

    /// <summary>The split of the ZFPe+ preset.</summary>
    public const int PlusSplit = 30;

    /// <summary>The name of the ZFPe+ preset on the command line.</summary>
    public const string PlusName = "zfpe+";

    /// <summary>
    /// The ZFPe+ preset: split 30 and nearest rounding, the best setting measured on the project's
    /// data (README, "ZFPe+"); the block format and the decoder are ZFPe's.
    /// </summary>
    public static ZfpeParameters Plus(int b = 5) => new(b, ExponentBits: 8, Split: PlusSplit, ZfpeRounding.Nearest);

    /// <summary>The rounding names as the command line and the spec write them: "truncate, nearest".</summary>
    public static string RoundingNames => string.Join(", ", Enum.GetValues<ZfpeRounding>().Select(RoundingName));

    /// <summary>"truncate" or "nearest".</summary>
    public static string RoundingName(ZfpeRounding rounding) => rounding.ToString().ToLowerInvariant();

    /// <summary>Parses "truncate" or "nearest" (any case); anything else throws an <see cref="ArgumentException"/> naming the allowed names.</summary>
    public static ZfpeRounding ParseRounding(string text) =>
        Enum.GetValues<ZfpeRounding>().FirstOrDefault(r => RoundingName(r) == text.Trim().ToLowerInvariant(), (ZfpeRounding)(-1)) is var r && Enum.IsDefined(r)
            ? r
            : throw new ArgumentException($"rounding = '{text}' is not allowed: use {RoundingNames}");

    /// <summary>Bits per block: exponent-bits + 4·(1 + b).</summary>
    public int BlockBits => ExponentBits + BlockSize * (1 + B);

    public double BitsPerValue => BlockBits / (double)BlockSize;

    /// <summary>How many low bits the flag = 0 window reaches below the high window (d = 32 − split).</summary>
    public int ExtraPrecision => 32 - Split;

    /// <summary>Bit offset of coefficient k's flag inside a block (§3 step 7).</summary>
    public int CoefficientOffset(int k) => ExponentBits + k * (1 + B);
}
