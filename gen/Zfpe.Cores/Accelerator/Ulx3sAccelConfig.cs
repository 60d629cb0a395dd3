using System.Globalization;
using Zfpe.Cores.Board;
using Zfpe.Cores.Codec;
using Zfpe.Cores.Float;
using Zfpe.Cores.Processing;
using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Sdram;
using Zfpe.Hdl.Lib.Uart;

namespace Zfpe.Cores.Accelerator;

/// <summary>
/// The parameters of the ulx3s-accel board design: the clock the PLL makes from the 25 MHz
/// oscillator (also the SDRAM's), the UART, the idle timeout of the host protocol, and the
/// accelerator's (<see cref="AcceleratorCoreConfig"/>).
/// </summary>
public sealed record Ulx3sAccelConfig(
    [property: Parameter("clock-mhz", "design and SDRAM clock from the PLL, MHz", Min = 25, Max = 166)] int ClockMhz = 100,
    [property: Parameter("baud", "UART bits per second (8N1; the FT231X runs up to 3000000)", Min = 300, Max = 3_000_000)] long BaudRate = 3_000_000,
    [property: Parameter("timeout-us", "quiet line inside a request before it is dropped, µs", Min = 100, Max = 10_000_000)] int IdleTimeoutUs = 100_000,
    [property: Parameter("pes", "processing elements; a tile is pes x outputs-per-pe outputs (a multiple of 4)", Min = 1, Max = PeArrayConfig.MaxPes)] int Pes = 16,
    [property: Parameter("outputs-per-pe", "K: outputs each PE accumulates at once", Min = 1, Max = PeConfig.MaxOutputsPerPe)] int OutputsPerPe = 8,
    [property: Parameter("batch-tile", "B: batch rows per tile, a multiple of 4", Min = 4, Max = PeConfig.MaxBatchTile)] int BatchTile = 16,
    [property: Parameter("m", "significand bits including the hidden bit (18: one MULT18X18D per product)", Min = FloatCoreConfig.MinM, Max = FloatCoreConfig.MaxM)] int M = 18,
    [property: Parameter("guard-bits", "adder: bits kept below the aligned significands (no sticky bit)", Min = FloatCoreConfig.MinGuardBits, Max = FloatCoreConfig.MaxGuardBits)] int GuardBits = 1,
    [property: Parameter("b", "ZFPe payload bits per coefficient (weights, inputs and outputs)", Min = ZfpeCoreConfig.MinB, Max = ZfpeCoreConfig.MaxB)] int B = 5,
    [property: Parameter("exponent-bits", "width of the ZFPe block exponent field: 8 (exact fit) or 9 (the authors' format)", Allowed = [8, 9])] int ExponentBits = 8,
    [property: Parameter("split", "ZFPe: the flag picks the high window when u >> split != 0 (b..31)", Min = ZfpeCoreConfig.MinB, Max = ZfpeCoreConfig.MaxSplit)] int Split = 28,
    [property: Parameter(ZfpeCoreConfig.RoundingParameter, "the output compressor's rounding (docs/zfpe-format.md §3.1)")] PayloadRounding Rounding = PayloadRounding.Truncate,
    [property: Parameter("run", "most words the arbiter grants a stream at once", Allowed = [16, 32, 64, 128, 256])] int Run = 64,
    [property: Parameter("part", "the SDRAM chip fitted on the board (gen/Zfpe.Hdl.Lib/README.md, SDRAM parts)")] SdramPartChoice Part = SdramPartChoice.Is42s16160g_7,
    [property: Parameter("weights", "how weights are stored in SDRAM: zfpe, or raw float32 (the uncompressed accelerator, for comparison)")] WeightStorage Weights = WeightStorage.Zfpe)
{
    public const double OscillatorMhz = 25;

    /// <summary>The PLL may miss the requested clock by this fraction at most.</summary>
    public const double MaxClockError = 0.005;

    public AcceleratorCoreConfig Core => new(Pes, OutputsPerPe, BatchTile, M, GuardBits, B, ExponentBits, Split, Rounding, Run, Part, ClockMhz, Weights);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, PllSettings> Solved = new();

    /// <summary>The PLL settings for the design clock.</summary>
    public PllSettings Pll() => Solved.GetOrAdd(ClockMhz, mhz => PllSolver.Solve(OscillatorMhz, mhz, mhz * MaxClockError));

    /// <summary>The clock the PLL really makes, in Hz.</summary>
    public long ClockHz => (long)Math.Round(Pll().AchievedMhz * 1e6);

    public UartConfig Uart => new(ClockHz, BaudRate);

    public long IdleTimeoutCycles => ClockHz / 1000 * IdleTimeoutUs / 1000;

    /// <summary>Throws a <see cref="ParameterValueException"/> (or an <see cref="ArgumentException"/>) naming the parameter, its value and the allowed range.</summary>
    public void Validate()
    {
        ConfigParameters.Check(this);
        Core.Validate();
        _ = Pll();
        Uart.Validate();
    }

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "clock {0} MHz, {1} bit/s, pes = {2}, outputs-per-pe = {3}, batch-tile = {4}, b = {5}, exponent-bits = {6}, split = {7}",
        ClockMhz, BaudRate, Pes, OutputsPerPe, BatchTile, B, ExponentBits, Split);
}
