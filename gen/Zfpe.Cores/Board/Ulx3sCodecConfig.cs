using System.Globalization;
using Zfpe.Cores.Codec;
using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Uart;

namespace Zfpe.Cores.Board;

/// <summary>
/// The parameters of the ulx3s-codec board design: the design clock the PLL makes from the
/// 25 MHz oscillator, the UART baud rate, the codec (<paramref name="B"/>,
/// <paramref name="ExponentBits"/>, <paramref name="Split"/>, <paramref name="Lanes"/>, as in
/// docs/zfpe-format.md §2) and how long the line may stay quiet inside a request before the board
/// gives up on it.
/// </summary>
public sealed record Ulx3sCodecConfig(
    [property: Parameter("clock-mhz", "design clock from the PLL, MHz", Min = Ulx3sCodecConfig.MinClockMhz, Max = Ulx3sCodecConfig.MaxClockMhz)] int ClockMhz = 100,
    [property: Parameter("baud", "UART bits per second (8N1; the FT231X runs up to 3000000)", Min = 300, Max = 3_000_000)] long BaudRate = 3_000_000,
    [property: Parameter("b", "payload bits per coefficient", Min = ZfpeCoreConfig.MinB, Max = ZfpeCoreConfig.MaxB)] int B = 5,
    [property: Parameter("exponent-bits", "width of the block exponent field: 8 (exact fit) or 9 (the authors' format)", Allowed = [8, 9])] int ExponentBits = 8,
    [property: Parameter("split", "the flag picks the high window when u >> split != 0 (b..31)", Min = ZfpeCoreConfig.MinB, Max = ZfpeCoreConfig.MaxSplit)] int Split = 28,
    [property: Parameter("lanes", "float32 values per clock cycle in the codec (8 would need a partial-beat rule the UART link gains nothing from)", Allowed = [1, 2, 4])] int Lanes = 1,
    [property: Parameter("timeout-us", "quiet line inside a request before it is cut short, µs", Min = Ulx3sCodecConfig.MinIdleTimeoutUs, Max = Ulx3sCodecConfig.MaxIdleTimeoutUs)] int IdleTimeoutUs = 100_000)
{
    public const double OscillatorMhz = 25;
    public const int MinClockMhz = 10;
    public const int MaxClockMhz = 200;

    /// <summary>The PLL may miss the requested clock by this fraction at most.</summary>
    public const double MaxClockError = 0.005;

    public const int MinIdleTimeoutUs = 100;
    public const int MaxIdleTimeoutUs = 10_000_000;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the parameter, its value and the allowed range.</summary>
    public void Validate()
    {
        ConfigParameters.Check(this);
        Core.Validate();
        _ = Pll(); // throws when the PLL cannot make the clock
        Uart.Validate();
        if (Uart.Divisor > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(BaudRate), BaudRate,
                $"baud = {BaudRate} is too slow for a {ClockMhz} MHz clock: the divisor {Uart.Divisor} must fit 16 bits, so use at least {ClockHz / ushort.MaxValue + 1} bit/s");
    }

    // The solver searches exhaustively; a record copied with `with` must not carry a stale result, so the cache is by clock.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, PllSettings> Solved = new();

    /// <summary>The PLL settings for the design clock.</summary>
    public PllSettings Pll() => Solved.GetOrAdd(ClockMhz, mhz => PllSolver.Solve(OscillatorMhz, mhz, mhz * MaxClockError));

    /// <summary>The clock the PLL really makes, in Hz: what the UART divisor and the timeout count.</summary>
    public long ClockHz => (long)Math.Round(Pll().AchievedMhz * 1e6);

    public ZfpeCoreConfig Core => new(B, ExponentBits, Split, Lanes);

    public UartConfig Uart => new(ClockHz, BaudRate);

    public long IdleTimeoutCycles => ClockHz / 1000 * IdleTimeoutUs / 1000;

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "clock {0} MHz, {1} bit/s, b = {2}, exponent-bits = {3}, split = {4}, lanes = {5}, idle timeout {6} µs",
        ClockMhz, BaudRate, B, ExponentBits, Split, Lanes, IdleTimeoutUs);
}
