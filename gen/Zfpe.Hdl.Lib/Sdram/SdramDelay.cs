using System.Globalization;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// A minimum delay from an SDRAM datasheet, given in nanoseconds, in clock cycles, or both (then
/// the longer of the two applies, as LiteDRAM's <c>(ck, ns)</c> pairs). Datasheets give most
/// timings in ns and a few in clocks (tMRD, and tWR/tDPL on some parts).
/// </summary>
/// <param name="Nanoseconds">The delay in ns; 0 when the datasheet gives clocks only.</param>
/// <param name="Clocks">The delay in clock cycles; 0 when the datasheet gives ns only.</param>
public readonly record struct SdramDelay(double Nanoseconds, int Clocks)
{
    /// <summary>A delay the datasheet gives in ns.</summary>
    public static SdramDelay Ns(double nanoseconds) => new(nanoseconds, 0);

    /// <summary>A delay the datasheet gives in clock cycles.</summary>
    public static SdramDelay Ck(int clocks) => new(0, clocks);

    /// <summary>
    /// The delay in cycles of a <paramref name="clockMhz"/> clock: the ns rounded up (the
    /// datasheets' own rule), at least <see cref="Clocks"/>, never below 1.
    /// </summary>
    public int ToCycles(double clockMhz)
    {
        var fromNs = CeilCycles(Nanoseconds, clockMhz);
        return Math.Max(1, Math.Max(fromNs, Clocks));
    }

    /// <summary>ns × MHz / 1000 rounded up, tolerant of binary rounding (15 ns at 200 MHz is 3, not 4).</summary>
    internal static int CeilCycles(double nanoseconds, double clockMhz) =>
        (int)Math.Ceiling(nanoseconds * clockMhz / 1000.0 - 1e-9);

    /// <summary>ns × MHz / 1000 rounded down: for maximum delays (tRAS max, the refresh interval).</summary>
    internal static long FloorCycles(double nanoseconds, double clockMhz) =>
        (long)Math.Floor(nanoseconds * clockMhz / 1000.0 + 1e-9);

    /// <summary>"15 ns", "2 clocks" or "14 ns, at least 2 clocks".</summary>
    public override string ToString() => (Nanoseconds, Clocks) switch
    {
        (> 0, > 0) => string.Format(CultureInfo.InvariantCulture, "{0} ns, at least {1} clocks", Nanoseconds, Clocks),
        (> 0, _) => string.Format(CultureInfo.InvariantCulture, "{0} ns", Nanoseconds),
        _ => string.Format(CultureInfo.InvariantCulture, "{0} clocks", Clocks),
    };
}
