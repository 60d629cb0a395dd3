namespace Zfpe.Sim.Sdram;

/// <summary>How strict <see cref="SdramModel"/> is, and what it does with a violation.</summary>
public sealed record SdramModelOptions
{
    /// <summary>
    /// Collect violations in <see cref="SdramModel.Violations"/> instead of throwing
    /// <see cref="SdramViolationException"/> on the first one.
    /// </summary>
    public bool CollectViolations { get; init; }

    /// <summary>
    /// Cycles to wait after power-up before the first command other than NOP/DESELECT; null takes
    /// the part's datasheet wait (100 or 200 us) at the clock. Tests set it short.
    /// </summary>
    public long? PowerUpCycles { get; init; }

    /// <summary>
    /// Refreshes that may fall behind the average rate (tREFI) before it is a violation; JEDEC lets
    /// a controller postpone up to 8 (the 9th overdue one is the violation). Up to as many may be
    /// issued ahead, and the ones beyond are not credited.
    /// </summary>
    public int MaxPostponedRefreshes { get; init; } = 8;

    /// <summary>
    /// Idle cycles required on DQ between the chip's last read word and the controller driving
    /// write data: the chip's output turns off tHZ (about 5.4 ns) after the edge of its last word,
    /// while the controller starts driving for the next edge right after that edge, so one idle
    /// edge (the default) keeps the two drivers apart. 0 checks only for driving at the same edge.
    /// </summary>
    public int BusTurnaroundCycles { get; init; } = 1;

    /// <summary>Validates: both counts at least 0, the power-up wait not negative.</summary>
    public void Validate()
    {
        if (PowerUpCycles is < 0)
            throw new ArgumentOutOfRangeException(nameof(PowerUpCycles), PowerUpCycles, "SDRAM power-up wait must be >= 0 cycles");
        if (MaxPostponedRefreshes is < 0 or > 8)
            throw new ArgumentOutOfRangeException(nameof(MaxPostponedRefreshes), MaxPostponedRefreshes, "postponed refreshes: allowed 0..8 (JEDEC's limit is 8)");
        if (BusTurnaroundCycles is < 0 or > 4)
            throw new ArgumentOutOfRangeException(nameof(BusTurnaroundCycles), BusTurnaroundCycles, "bus turnaround: allowed 0..4 idle cycles");
    }
}
