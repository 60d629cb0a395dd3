using Zfpe.Hdl;

namespace Zfpe.Cores.Codec;

/// <summary>
/// The parameters of the ZFPe compressor and decompressor cores: the codec parameters of
/// docs/zfpe-format.md §2 (<paramref name="B"/>, <paramref name="ExponentBits"/>, <paramref name="Split"/>)
/// and the pipeline width <paramref name="Lanes"/> (float32 values per clock cycle), and the
/// encoder's <paramref name="Rounding"/> (§3.1), which only the compressor takes: the decompressor
/// decodes the blocks of either rounding and refuses any but the default.
/// <paramref name="DebugPorts"/> adds outputs that show each block as it leaves the named
/// stages, so that tests can compare the pipeline stage by stage with the reference traces.
/// </summary>
public sealed record ZfpeCoreConfig(
    [property: Parameter("b", "payload bits per coefficient", Min = ZfpeCoreConfig.MinB, Max = ZfpeCoreConfig.MaxB)] int B = 5,
    [property: Parameter("exponent-bits", "width of the block exponent field: 8 (exact fit) or 9 (the authors' format)", Allowed = [8, 9])] int ExponentBits = 8,
    [property: Parameter("split", "the flag picks the high window when u >> split != 0 (b..31)", Min = ZfpeCoreConfig.MinB, Max = ZfpeCoreConfig.MaxSplit)] int Split = 28,
    [property: Parameter("lanes", "float32 values per clock cycle", Allowed = [1, 2, 4, 8])] int Lanes = 1,
    [property: Parameter("debug", "1: outputs that show each block as it leaves the named stages (for tests)")] bool DebugPorts = false,
    [property: Parameter(ZfpeCoreConfig.RoundingParameter, "encoder only: how a coefficient's field is picked (docs/zfpe-format.md §3.1)")] PayloadRounding Rounding = PayloadRounding.Truncate)
{
    public const int MinB = 1;
    public const int MaxB = 28;
    public const int MaxSplit = 31;

    /// <summary>The name of the encoder-only parameter, which the decompressor does not take.</summary>
    public const string RoundingParameter = "rounding";

    /// <summary>Values per block (1-D blocks of 4).</summary>
    public const int BlockSize = 4;

    /// <summary>Throws a <see cref="ParameterValueException"/> naming the parameter, its value and the allowed range.</summary>
    public void Validate()
    {
        ConfigParameters.Check(this);
        if (Split < B)
            throw new ParameterValueException($"parameter 'split' = {Split} is out of range (allowed: b..{MaxSplit} = {B}..{MaxSplit})", nameof(Split));
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
