namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// A part's timings in clock cycles at one design clock, from <see cref="SdramPart.At"/>: what a
/// controller counts and what the simulation model checks. Minimum delays are rounded up,
/// maximum ones (tRAS max, the refresh interval) down, so that meeting the cycle counts meets the
/// datasheet.
/// </summary>
/// <param name="Part">The part the timings come from.</param>
/// <param name="ClockMhz">The SDRAM clock they were computed for.</param>
/// <param name="CasLatency">The smallest CAS latency the part allows at this clock.</param>
/// <param name="Trcd">ACTIVE to READ/WRITE, same bank.</param>
/// <param name="Trp">PRECHARGE to ACTIVE/REFRESH, same bank.</param>
/// <param name="Trc">ACTIVE to ACTIVE, same bank.</param>
/// <param name="TrasMin">ACTIVE to PRECHARGE, same bank, at least.</param>
/// <param name="TrasMax">ACTIVE to PRECHARGE, same bank, at most.</param>
/// <param name="Twr">Last write data to PRECHARGE (tWR, tDPL, tRDL).</param>
/// <param name="Trfc">AUTO REFRESH to the next ACTIVE or AUTO REFRESH.</param>
/// <param name="Trrd">ACTIVE to ACTIVE, different banks.</param>
/// <param name="Tmrd">LOAD MODE REGISTER to the next command.</param>
/// <param name="RefreshIntervalCycles">tREFI: the refresh period divided by the refreshes it needs, rounded down.</param>
/// <param name="PowerUpCycles">The wait after power-up before the first command.</param>
public sealed record SdramTiming(
    SdramPart Part,
    double ClockMhz,
    int CasLatency,
    int Trcd,
    int Trp,
    int Trc,
    int TrasMin,
    long TrasMax,
    int Twr,
    int Trfc,
    int Trrd,
    int Tmrd,
    long RefreshIntervalCycles,
    long PowerUpCycles)
{
    /// <summary>One line: part, clock, CL and every delay in cycles.</summary>
    public override string ToString() =>
        FormattableString.Invariant(
            $"{Part.Name} at {ClockMhz} MHz: CL{CasLatency}, tRCD {Trcd}, tRP {Trp}, tRC {Trc}, tRAS {TrasMin}..{TrasMax}, tWR {Twr}, tRFC {Trfc}, tRRD {Trrd}, tMRD {Tmrd}, tREFI {RefreshIntervalCycles} cycles");
}
