namespace Zfpe.Sim.Sdram;

/// <summary>The rules <see cref="SdramModel"/> checks; each violation names one.</summary>
public enum SdramRule
{
    /// <summary>Commands before the power-up wait ended.</summary>
    PowerUp,
    /// <summary>PRECHARGE ALL, at least two AUTO REFRESH and LOAD MODE REGISTER before the first ACTIVE.</summary>
    InitSequence,
    /// <summary>A command in a state that does not allow it (ACTIVE to an open bank, READ to an idle one, REFRESH with a row open, ...).</summary>
    CommandLegality,
    /// <summary>A reserved or unsupported mode register value, or a CAS latency the part does not allow at the clock.</summary>
    ModeRegister,
    Trcd,
    Trp,
    TrasMin,
    TrasMax,
    Trc,
    Trrd,
    Twr,
    Trfc,
    Tmrd,
    /// <summary>More refreshes postponed than allowed (see <see cref="SdramModelOptions.MaxPostponedRefreshes"/>).</summary>
    RefreshRate,
    /// <summary>The controller drives DQ at an edge where the chip drives read data.</summary>
    BusContention,
    /// <summary>The controller drives DQ too soon after the chip's last read data (no idle cycle to turn the bus around).</summary>
    BusTurnaround,
    /// <summary>A write beat whose bytes are not masked by DQM, with DQ not driven by the controller.</summary>
    WriteDataNotDriven,
    /// <summary>CKE low: power-down and self refresh are not modelled.</summary>
    ClockEnable,
}
