using System.Globalization;

namespace Zfpe.Hdl.Lib.Uart;

/// <summary>
/// The timing of an 8N1 UART: the design clock and the baud rate. A bit lasts
/// <see cref="Divisor"/> clock cycles, the clock divided by the baud rate and rounded to the
/// nearest integer; the rounding error must stay small enough for the far end to sample every
/// bit of a frame (start, 8 data, stop) within its bit cell.
/// </summary>
/// <param name="ClockHz">The clock of the UART's logic, in Hz.</param>
/// <param name="BaudRate">Bits per second on the line: at most 3 Mbit/s, the FT231X's limit.</param>
public sealed record UartConfig(long ClockHz, long BaudRate)
{
    public const long MinClockHz = 1_000_000;
    public const long MaxClockHz = 400_000_000;
    public const long MinBaudRate = 300;

    /// <summary>The FT231X (the ULX3S's USB-serial bridge) runs up to 3 Mbit/s.</summary>
    public const long MaxBaudRate = 3_000_000;

    /// <summary>The receiver needs a few cycles per bit to find the middle of a bit after the 2-flop synchroniser.</summary>
    public const int MinDivisor = 4;

    /// <summary>
    /// The largest rate error accepted: over the 9.5 bit times from the start edge to the middle
    /// of the stop bit, 2 % drifts by 0.19 of a bit, leaving margin for the far end's own error.
    /// </summary>
    public const double MaxRateErrorPercent = 2.0;

    /// <summary>Clock cycles per bit.</summary>
    public int Divisor => (int)Math.Max(1, (ClockHz + BaudRate / 2) / BaudRate);

    /// <summary>The rate the UART really runs at: ClockHz / Divisor.</summary>
    public double ActualBaudRate => (double)ClockHz / Divisor;

    /// <summary>How far the actual rate is from the requested one, in percent (signed).</summary>
    public double RateErrorPercent => (ActualBaudRate - BaudRate) / BaudRate * 100;

    /// <summary>Clock cycles of one 10-bit frame.</summary>
    public int FrameCycles => 10 * Divisor;

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the parameter, its value and the allowed range.</summary>
    public void Validate()
    {
        if (ClockHz is < MinClockHz or > MaxClockHz)
            throw new ArgumentOutOfRangeException(nameof(ClockHz), ClockHz,
                F("UART clock = {0} Hz is out of range: allowed {1}..{2} Hz", ClockHz, MinClockHz, MaxClockHz));
        if (BaudRate is < MinBaudRate or > MaxBaudRate)
            throw new ArgumentOutOfRangeException(nameof(BaudRate), BaudRate,
                F("UART baud rate = {0} is out of range: allowed {1}..{2} bit/s (the FT231X's limit is {2})", BaudRate, MinBaudRate, MaxBaudRate));
        if (Divisor < MinDivisor)
            throw new ArgumentOutOfRangeException(nameof(BaudRate), BaudRate,
                F("UART baud rate = {0} gives {1} clock cycles per bit at {2} Hz; at least {3} are needed: lower the baud rate to at most {4} or raise the clock",
                    BaudRate, Divisor, ClockHz, MinDivisor, ClockHz / MinDivisor));
        if (Math.Abs(RateErrorPercent) > MaxRateErrorPercent)
            throw new ArgumentOutOfRangeException(nameof(BaudRate), BaudRate,
                F("UART baud rate = {0} is not reachable from {1} Hz: the nearest divisor {2} gives {3:0.#} bit/s, {4:+0.00;-0.00} % off (allowed ±{5} %); choose a baud rate near ClockHz / n",
                    BaudRate, ClockHz, Divisor, ActualBaudRate, RateErrorPercent, MaxRateErrorPercent));
    }

    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
