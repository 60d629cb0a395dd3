namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// One CAS latency a part supports and the shortest clock period (tCK) the datasheet allows with it.
/// </summary>
/// <param name="CasLatency">2 or 3 clocks from READ to the first data.</param>
/// <param name="MinClockPeriodNs">tCK(min) at that latency, in ns.</param>
public readonly record struct SdramCasLimit(int CasLatency, double MinClockPeriodNs)
{
    /// <summary>The highest clock this latency allows, in MHz (1000 / tCK).</summary>
    public double MaxClockMhz => 1000.0 / MinClockPeriodNs;
}
