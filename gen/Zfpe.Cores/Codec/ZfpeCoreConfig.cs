namespace Zfpe.Cores.Codec;

/// <summary>
/// The parameters of the ZFPe compressor and decompressor cores: the codec parameters of
/// docs/zfpe-format.md §2 (<paramref name="B"/>, <paramref name="ExponentBits"/>, <paramref name="Split"/>)
/// and the pipeline width <paramref name="Lanes"/> (float32 values per clock cycle).
/// <paramref name="DebugPorts"/> adds outputs that show each block as it leaves the named
/// stages, so that tests can compare the pipeline stage by stage with the reference traces.
/// </summary>
public sealed record ZfpeCoreConfig(int B = 5, int ExponentBits = 8, int Split = 28, int Lanes = 1, bool DebugPorts = false)
{
    public const int MinB = 1;
    public const int MaxB = 28;
    public const int MaxSplit = 31;

    /// <summary>Values per block (1-D blocks of 4).</summary>
    public const int BlockSize = 4;

    /// <summary>The allowed pipeline widths.</summary>
    public static IReadOnlyList<int> AllowedLanes { get; } = [1, 2, 4, 8];

    /// <summary>Throws an <see cref="ArgumentException"/> naming the parameter, its value and the allowed range.</summary>
    public void Validate()
    {
        if (B is < MinB or > MaxB)
            throw new ArgumentException($"b (payload bits) = {B} is out of range: allowed {MinB}..{MaxB}");
        if (ExponentBits is not (8 or 9))
            throw new ArgumentException($"exponent-bits = {ExponentBits} is not allowed: use 8 (exact fit) or 9 (the authors' format)");
        if (Split < B || Split > MaxSplit)
            throw new ArgumentException($"split = {Split} is out of range: allowed b..{MaxSplit} = {B}..{MaxSplit}");
        if (!AllowedLanes.Contains(Lanes))
            throw new ArgumentException($"lanes = {Lanes} is not allowed: use 1, 2, 4 or 8 (float32 values per clock cycle)");
    }

    /// <summary>Bits per block: exponent-bits + 4·(1 + b).</summary>
    public int BlockBits => ExponentBits + BlockSize * (1 + B);

    /// <summary>Bit offset of coefficient k's flag inside a block (§3 step 7).</summary>
    public int CoefficientOffset(int k) => ExponentBits + k * (1 + B);

    /// <summary>Blocks side by side in the datapath: 2 at 8 lanes (two blocks per cycle), else 1.</summary>
    public int BlockLanes => Math.Max(1, Lanes / BlockSize);

    /// <summary>Values of one block handled per cycle: min(lanes, 4).</summary>
    public int ValuesPerCycle => Math.Min(Lanes, BlockSize);

    /// <summary>Cycles a block spends in the value-rate part of the pipeline: 4 / min(lanes, 4).</summary>
    public int Slots => BlockSize / ValuesPerCycle;
}
