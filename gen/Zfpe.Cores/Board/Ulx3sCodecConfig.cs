using System.Globalization;
using Zfpe.Cores.Codec;
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
    int ClockMhz = 100,
    long BaudRate = 3_000_000,
    int B = 5,
    int ExponentBits = 8,
    int Split = 28,
    int Lanes = 1,
    int IdleTimeoutUs = 100_000)
{
    public const double OscillatorMhz = 25;
    public const int MinClockMhz = 10;
    public const int MaxClockMhz = 200;

    /// <summary>The PLL may miss the requested clock by this fraction at most.</summary>
    public const double MaxClockError = 0.005;

    /// <summary>A UART-limited link gains nothing from 8 lanes, whose two blocks per beat would need a partial-beat rule.</summary>
    public static IReadOnlyList<int> AllowedLanes { get; } = [1, 2, 4];

    public const int MinIdleTimeoutUs = 100;
    public const int MaxIdleTimeoutUs = 10_000_000;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the parameter, its value and the allowed range.</summary>
    public void Validate()
    {
        if (ClockMhz is < MinClockMhz or > MaxClockMhz)
            throw new ArgumentOutOfRangeException(nameof(ClockMhz), ClockMhz, $"clock-mhz = {ClockMhz} is out of range: allowed {MinClockMhz}..{MaxClockMhz} MHz");
        if (!AllowedLanes.Contains(Lanes))
            throw new ArgumentOutOfRangeException(nameof(Lanes), Lanes, $"lanes = {Lanes} is not allowed on the board: use 1, 2 or 4");
        if (IdleTimeoutUs is < MinIdleTimeoutUs or > MaxIdleTimeoutUs)
            throw new ArgumentOutOfRangeException(nameof(IdleTimeoutUs), IdleTimeoutUs,
                $"idle timeout = {IdleTimeoutUs} µs is out of range: allowed {MinIdleTimeoutUs}..{MaxIdleTimeoutUs} µs");
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
