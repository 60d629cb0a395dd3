namespace Zfpe.Flow.Timing;

/// <summary>One cell instance of an SDF file: its type, its delay arcs and its setup checks.</summary>
public sealed record SdfCell(string Instance, string CellType, IReadOnlyList<SdfCellArc> Arcs, IReadOnlyList<SdfSetupCheck> SetupChecks)
{
    /// <summary>
    /// Whether <paramref name="pin"/> is a clock input of the cell: the reference pin of one of its
    /// setup checks, or an ECP5 register or memory clock (CLK, CLKA, CLKB, WCK), so that a register
    /// whose inputs are all constant, which has no check, still launches paths.
    /// </summary>
    public bool IsClockPin(string pin) =>
        pin is "CLK" or "CLKA" or "CLKB" or "WCK" || SetupChecks.Any(c => c.ClockPin == pin);
}
