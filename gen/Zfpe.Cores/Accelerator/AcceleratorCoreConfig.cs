using Zfpe.Cores.Codec;
using Zfpe.Cores.Float;
using Zfpe.Cores.Processing;
using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Sdram;

namespace Zfpe.Cores.Accelerator;

/// <summary>
/// The parameters of an <see cref="AcceleratorCore"/> (the `accel-core` design): the PE array's
/// geometry and float format, the ZFPe format of its decompressors and compressor, and the memory
/// (the SDRAM part, its clock, the arbiter's run). The layer itself (sizes, addresses, ReLU) is set
/// at run time (<see cref="LayerSettings"/>).
/// </summary>
public sealed record AcceleratorCoreConfig(
    [property: Parameter("pes", "processing elements; a tile is pes x outputs-per-pe outputs (a multiple of 4)", Min = 1, Max = PeArrayConfig.MaxPes)] int Pes = 16,
    [property: Parameter("outputs-per-pe", "K: outputs each PE accumulates at once", Min = 1, Max = PeConfig.MaxOutputsPerPe)] int OutputsPerPe = 8,
    [property: Parameter("batch-tile", "B: batch rows per tile, a multiple of 4 (a ZFPe block never mixes tiles)", Min = 4, Max = PeConfig.MaxBatchTile)] int BatchTile = 16,
    [property: Parameter("m", "significand bits including the hidden bit (18: one MULT18X18D per product)", Min = FloatCoreConfig.MinM, Max = FloatCoreConfig.MaxM)] int M = 18,
    [property: Parameter("guard-bits", "adder: bits kept below the aligned significands (no sticky bit)", Min = FloatCoreConfig.MinGuardBits, Max = FloatCoreConfig.MaxGuardBits)] int GuardBits = 1,
    [property: Parameter("b", "ZFPe payload bits per coefficient (weights, inputs and outputs)", Min = ZfpeCoreConfig.MinB, Max = ZfpeCoreConfig.MaxB)] int B = 5,
    [property: Parameter("exponent-bits", "width of the ZFPe block exponent field: 8 (exact fit) or 9 (the authors' format)", Allowed = [8, 9])] int ExponentBits = 8,
    [property: Parameter("split", "ZFPe: the flag picks the high window when u >> split != 0 (b..31)", Min = ZfpeCoreConfig.MinB, Max = ZfpeCoreConfig.MaxSplit)] int Split = 28,
    [property: Parameter(ZfpeCoreConfig.RoundingParameter, "the output compressor's rounding (docs/zfpe-format.md §3.1)")] PayloadRounding Rounding = PayloadRounding.Truncate,
    [property: Parameter("run", "most words the arbiter grants a stream at once", Allowed = [16, 32, 64, 128, 256])] int Run = 64,
    [property: Parameter("part", "the SDRAM chip (gen/Zfpe.Hdl.Lib/README.md, SDRAM parts)")] SdramPartChoice Part = SdramPartChoice.Is42s16160g_7,
    [property: Parameter("clock-mhz", "the design and SDRAM clock, MHz", Min = 25, Max = 166)] int ClockMhz = 100,
    [property: Parameter("weights", "how weights are stored in SDRAM: zfpe, or raw float32 (the uncompressed accelerator, for comparison)")] WeightStorage Weights = WeightStorage.Zfpe)
{
    /// <summary>Memory ports: the host's, then the weights, inputs and biases readers and the outputs writer.</summary>
    public const int HostPort = 0, WeightsPort = 1, InputsPort = 2, BiasesPort = 3, OutputsPort = 4, Ports = 5;

    /// <summary>Bits of the run-time counts (output tiles, batch tiles): up to 65535.</summary>
    public const int CountBits = 16;

    /// <summary>Bits of each hardware counter: they wrap at 2^32 (43 s at 100 MHz).</summary>
    public const int CounterBits = 32;

    public PeArrayConfig Array => new(Pes, M, GuardBits, OutputsPerPe: OutputsPerPe, BatchTile: BatchTile);

    /// <summary>The decompressors' format (one value per cycle: the array takes a weight and an input per cycle at most).</summary>
    public ZfpeCoreConfig Decoder => new(B, ExponentBits, Split, Lanes: 1);

    public ZfpeCoreConfig Encoder => Decoder with { Rounding = Rounding };

    /// <summary>Not a parameter: the board's pin side puts a register in each I/O cell, which the controller counts (<see cref="MemorySystemConfig.PinRegisters"/>).</summary>
    public bool PinRegisters { get; init; }

    public MemorySystemConfig Memory => new(Ports, Run, ResponseDepth: Math.Max(512, Run), Part: Part, ClockMhz: ClockMhz) { PinRegisters = PinRegisters };

    /// <summary>Outputs of a tile: pes x outputs-per-pe.</summary>
    public int TileOutputs => Pes * OutputsPerPe;

    /// <summary>Memory words of a tile's biases (raw float32, two words each).</summary>
    public int BiasWordsPerTile => 2 * TileOutputs;

    public int AddressBits => Memory.Arbiter.AddressBits;

    /// <summary>Throws a <see cref="ParameterValueException"/> naming the parameter, its value and the allowed range.</summary>
    public void Validate()
    {
        ConfigParameters.Check(this);
        Array.Validate();
        Encoder.Validate();
        Memory.Validate();
        if (BatchTile % 4 != 0)
            throw new ParameterValueException($"parameter 'batch-tile' = {BatchTile} is not a multiple of 4: a batch tile's inputs and outputs must fill whole ZFPe blocks (allowed: 4, 8, ..., {PeConfig.MaxBatchTile})", nameof(BatchTile));
        if (TileOutputs % 4 != 0)
            throw new ParameterValueException($"parameters 'pes' x 'outputs-per-pe' = {Pes} x {OutputsPerPe} = {TileOutputs} is not a multiple of 4: a tile's weights must fill whole ZFPe blocks (allowed: pes x outputs-per-pe a multiple of 4)", nameof(OutputsPerPe));
    }
}
