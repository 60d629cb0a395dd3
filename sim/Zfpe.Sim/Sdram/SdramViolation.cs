namespace Zfpe.Sim.Sdram;

/// <summary>One broken rule, as <see cref="SdramModel"/> found it.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Cycle">The cycle (rising edge) of the offending command or bus state.</param>
/// <param name="Bank">The bank concerned, or null when the rule is not about one bank.</param>
/// <param name="Row">The row concerned (open or being opened), or null.</param>
/// <param name="Message">The whole sentence: "tRCD violated: READ to bank 2 row 0x1a3 at cycle 1234, 2 cycles after ACTIVE at cycle 1232, needs 3".</param>
public sealed record SdramViolation(SdramRule Rule, long Cycle, int? Bank, int? Row, string Message)
{
    /// <summary>The rule as datasheets write it: "tRCD", "tRAS min", "init sequence", ...</summary>
    public static string NameOf(SdramRule rule) => rule switch
    {
        SdramRule.PowerUp => "power-up wait",
        SdramRule.InitSequence => "init sequence",
        SdramRule.CommandLegality => "command legality",
        SdramRule.ModeRegister => "mode register",
        SdramRule.Trcd => "tRCD",
        SdramRule.Trp => "tRP",
        SdramRule.TrasMin => "tRAS min",
        SdramRule.TrasMax => "tRAS max",
        SdramRule.Trc => "tRC",
        SdramRule.Trrd => "tRRD",
        SdramRule.Twr => "tWR",
        SdramRule.Trfc => "tRFC",
        SdramRule.Tmrd => "tMRD",
        SdramRule.RefreshRate => "refresh rate",
        SdramRule.BusContention => "DQ bus contention",
        SdramRule.BusTurnaround => "DQ bus turnaround",
        SdramRule.WriteDataNotDriven => "write data not driven",
        SdramRule.ClockEnable => "CKE",
        _ => rule.ToString(),
    };

    /// <inheritdoc/>
    public override string ToString() => Message;
}
