using System.Globalization;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// An SDR SDRAM chip as data: geometry, the CAS latencies it supports with the clock each allows,
/// and its datasheet timings. <see cref="At"/> turns them into cycles at a design clock. The parts
/// fitted on ULX3S board runs, with their sources, are in <see cref="SdramParts"/>.
/// </summary>
/// <param name="Name">The part number with its speed grade, e.g. "IS42S16160G-7".</param>
/// <param name="Rows">Rows per bank (8192 on every ULX3S part: A0-A12).</param>
/// <param name="Columns">Columns per row (512: A0-A8, or 1024: A0-A9).</param>
/// <param name="Banks">Internal banks (4: BA0-BA1).</param>
/// <param name="DataWidth">Bits per word (16, with two byte masks LDQM/UDQM).</param>
/// <param name="CasLimits">Each supported CAS latency and its minimum clock period.</param>
/// <param name="Trcd">ACTIVE to READ/WRITE.</param>
/// <param name="Trp">PRECHARGE period.</param>
/// <param name="Trc">ACTIVE to ACTIVE, same bank.</param>
/// <param name="TrasMin">ACTIVE to PRECHARGE, minimum.</param>
/// <param name="TrasMaxNs">ACTIVE to PRECHARGE, maximum, in ns.</param>
/// <param name="Twr">Write recovery: last data in to PRECHARGE (tWR, tDPL or tRDL by vendor).</param>
/// <param name="Trfc">AUTO REFRESH period (many datasheets give tRC for it).</param>
/// <param name="Trrd">ACTIVE bank a to ACTIVE bank b.</param>
/// <param name="Tmrd">LOAD MODE REGISTER to the next command.</param>
/// <param name="RefreshCount">AUTO REFRESH commands needed per <paramref name="RefreshPeriodMs"/>.</param>
/// <param name="RefreshPeriodMs">The refresh period (64 ms).</param>
/// <param name="PowerUpMicroseconds">The wait after power and clock are stable, before the first command.</param>
/// <param name="Source">Where the figures come from, and which ones are assumed and why.</param>
public sealed record SdramPart(
    string Name,
    int Rows,
    int Columns,
    int Banks,
    int DataWidth,
    IReadOnlyList<SdramCasLimit> CasLimits,
    SdramDelay Trcd,
    SdramDelay Trp,
    SdramDelay Trc,
    SdramDelay TrasMin,
    double TrasMaxNs,
    SdramDelay Twr,
    SdramDelay Trfc,
    SdramDelay Trrd,
    SdramDelay Tmrd,
    int RefreshCount,
    double RefreshPeriodMs,
    double PowerUpMicroseconds,
    string Source)
{
    /// <summary>Words of <see cref="DataWidth"/> bits in the whole chip.</summary>
    public long Words => (long)Rows * Columns * Banks;

    /// <summary>The chip's size in bytes (32 MB or 64 MB on ULX3S).</summary>
    public long Bytes => Words * DataWidth / 8;

    /// <summary>tREFI in ns: the refresh period divided by the refreshes it needs (7812.5 ns for 8192 per 64 ms).</summary>
    public double RefreshIntervalNs => RefreshPeriodMs * 1e6 / RefreshCount;

    /// <summary>The highest clock the part runs at, with its largest CAS latency, in MHz.</summary>
    public double MaxClockMhz => CasLimits.Max(c => c.MaxClockMhz);

    /// <summary>
    /// The smallest CAS latency the part allows at <paramref name="clockMhz"/>. Throws an
    /// <see cref="ArgumentOutOfRangeException"/> naming the part, the clock and the allowed range
    /// when the clock is faster than every latency allows.
    /// </summary>
    public int CasLatencyAt(double clockMhz)
    {
        CheckClock(clockMhz);
        foreach (var limit in CasLimits.OrderBy(c => c.CasLatency))
            if (clockMhz <= limit.MaxClockMhz + 1e-9)
                return limit.CasLatency;
        throw new ArgumentOutOfRangeException(nameof(clockMhz), clockMhz,
            string.Format(CultureInfo.InvariantCulture,
                "SDRAM part {0} cannot run at {1} MHz: allowed 0 < clock <= {2:0.###} MHz ({3})",
                Name, clockMhz, MaxClockMhz, DescribeCasLimits()));
    }

    /// <summary>
    /// Every timing in cycles of a <paramref name="clockMhz"/> clock, with the smallest CAS
    /// latency the part allows there (see <see cref="CasLatencyAt"/>).
    /// </summary>
    public SdramTiming At(double clockMhz)
    {
        var cas = CasLatencyAt(clockMhz);
        return new SdramTiming(
            Part: this,
            ClockMhz: clockMhz,
            CasLatency: cas,
            Trcd: Trcd.ToCycles(clockMhz),
            Trp: Trp.ToCycles(clockMhz),
            Trc: Trc.ToCycles(clockMhz),
            TrasMin: TrasMin.ToCycles(clockMhz),
            TrasMax: SdramDelay.FloorCycles(TrasMaxNs, clockMhz),
            Twr: Twr.ToCycles(clockMhz),
            Trfc: Trfc.ToCycles(clockMhz),
            Trrd: Trrd.ToCycles(clockMhz),
            Tmrd: Tmrd.ToCycles(clockMhz),
            RefreshIntervalCycles: SdramDelay.FloorCycles(RefreshIntervalNs, clockMhz),
            PowerUpCycles: SdramDelay.CeilCycles(PowerUpMicroseconds * 1000.0, clockMhz));
    }

    /// <summary>"CL2 up to 100 MHz, CL3 up to 142.857 MHz".</summary>
    public string DescribeCasLimits() =>
        string.Join(", ", CasLimits.OrderBy(c => c.CasLatency).Select(c =>
            string.Format(CultureInfo.InvariantCulture, "CL{0} up to {1:0.###} MHz", c.CasLatency, c.MaxClockMhz)));

    private void CheckClock(double clockMhz)
    {
        if (!(clockMhz > 0) || double.IsInfinity(clockMhz))
            throw new ArgumentOutOfRangeException(nameof(clockMhz), clockMhz,
                string.Format(CultureInfo.InvariantCulture,
                    "SDRAM clock = {0} MHz is not a clock: allowed 0 < clock <= {1:0.###} MHz for {2} ({3})",
                    clockMhz, MaxClockMhz, Name, DescribeCasLimits()));
    }
}
