namespace Zfpe.Cores.Board;

/// <summary>What the board reports about itself in reply to the info command (PROTOCOL.md).</summary>
/// <param name="Version">The protocol version, <see cref="CodecLinkProtocol.Version"/>.</param>
/// <param name="MaxValues">The largest value count one request may carry.</param>
/// <param name="BaudDivisor">Clock cycles per UART bit.</param>
/// <param name="ClockKhz">The design clock the PLL makes, in kHz.</param>
public sealed record CodecLinkInfo(int Version, int B, int ExponentBits, int Split, int Lanes, int MaxValues, int BaudDivisor, long ClockKhz)
{
    /// <summary>Bits per compressed block: exponent-bits + 4·(1 + b).</summary>
    public int BlockBits => ExponentBits + 4 * (1 + B);

    /// <summary>The baud rate the board runs at.</summary>
    public double BaudRate => ClockKhz * 1000.0 / BaudDivisor;

    public override string ToString() =>
        $"protocol {Version}, b = {B}, exponent-bits = {ExponentBits}, split = {Split}, lanes = {Lanes}, up to {MaxValues} values per request, " +
        $"clock {ClockKhz / 1000.0:0.###} MHz, {BaudRate:0} bit/s (divisor {BaudDivisor})";
}
