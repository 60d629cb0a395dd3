using System.Globalization;
using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Sdram;
using Zfpe.Hdl.Lib.Uart;

namespace Zfpe.Cores.Board;

/// <summary>
/// The parameters of the ulx3s-memtest board design: the design and SDRAM clock the PLL makes from
/// the 25 MHz oscillator, the UART baud rate of the report, the SDRAM part, how many words each
/// pass tests (from address 0) and the seed of the pattern.
/// </summary>
public sealed record Ulx3sMemtestConfig(
    [property: Parameter("clock-mhz", "design and SDRAM clock from the PLL, MHz (CL 2 up to 100, CL 3 above)", Min = Ulx3sMemtestConfig.MinClockMhz, Max = Ulx3sMemtestConfig.MaxClockMhz)] int ClockMhz = 100,
    [property: Parameter("baud", "UART bits per second of the report (8N1; the FT231X runs up to 3000000)", Min = 300, Max = 3_000_000)] long BaudRate = 115_200,
    [property: Parameter("part", "the SDRAM chip on the board (gen/Zfpe.Hdl.Lib/README.md, SDRAM parts)")] SdramPartChoice Part = SdramPartChoice.Is42s16160g_7,
    [property: Parameter("words", "16-bit words tested per pass from address 0, a multiple of 64 (default: the whole 32 MB chip)", Min = Ulx3sMemtestConfig.RunWords, Max = 1 << 25)] long Words = 1 << 24,
    [property: Parameter("seed", "seed of the pattern's LFSR (pass n uses seed ^ (n << 16 | n))", Min = 1, Max = uint.MaxValue)] long Seed = 1)
{
    public const double OscillatorMhz = 25;
    public const int MinClockMhz = 25;
    public const int MaxClockMhz = 143;

    /// <summary>Words per request: the memory system's run.</summary>
    public const int RunWords = 64;

    /// <summary>The PLL may miss the requested clock by this fraction at most.</summary>
    public const double MaxClockError = 0.005;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the parameter, its value and the allowed range.</summary>
    public void Validate()
    {
        ConfigParameters.Check(this);
        Memory.Validate(); // the part at the clock: CAS latency, timings
        var chipWords = Memory.Controller.SdramPart.Words;
        if (Words > chipWords)
            throw new ArgumentOutOfRangeException(nameof(Words), Words, $"words = {Words} is more than {Memory.Controller.SdramPart.Name} holds: allowed {RunWords}..{chipWords}");
        if (Words % RunWords != 0)
            throw new ArgumentOutOfRangeException(nameof(Words), Words, $"words = {Words} is not a multiple of {RunWords} (a run): allowed {RunWords}, {2 * RunWords}, ... {chipWords}");
        _ = Pll(); // throws when the PLL cannot make the clock
        Uart.Validate();
        if (Uart.Divisor > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(BaudRate), BaudRate,
                $"baud = {BaudRate} is too slow for a {ClockMhz} MHz clock: the divisor {Uart.Divisor} must fit 16 bits, so use at least {ClockHz / ushort.MaxValue + 1} bit/s");
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, PllSettings> Solved = new();

    /// <summary>The PLL settings for the design clock.</summary>
    public PllSettings Pll() => Solved.GetOrAdd(ClockMhz, mhz => PllSolver.Solve(OscillatorMhz, mhz, mhz * MaxClockError));

    /// <summary>The clock the PLL really makes, in Hz: what the UART divisor counts.</summary>
    public long ClockHz => (long)Math.Round(Pll().AchievedMhz * 1e6);

    public UartConfig Uart => new(ClockHz, BaudRate);

    /// <summary>The memory system: two ports (the tester uses port 0), runs of 64 words, the pins' I/O registers counted.</summary>
    public MemorySystemConfig Memory => new(Ports: 2, Run: RunWords, Part: Part, ClockMhz: ClockMhz) { PinRegisters = true };

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "clock {0} MHz, {1} bit/s, {2}, {3} words, seed {4}", ClockMhz, BaudRate, Memory.Controller.SdramPart.Name, Words, Seed);
}
