namespace Zfpe.Flow.Timing;

/// <summary>
/// A stretch of logic along a timing path that comes from one place: consecutive cells made from
/// the same Verilog line, or driving the same named signal, or (when synthesis kept neither)
/// unnamed logic. <see cref="Drives"/> is the named signal it drives, <see cref="Place"/> its
/// Verilog line and C# location, <see cref="CellTypes"/> what it is made of ("3 CCU2C"), and
/// <see cref="DelayNs"/> its cells' delays plus the routing into them. For unnamed logic,
/// <see cref="Reads"/> lists the named signals its cells also read (off the path), which tell
/// what it computes: <c>round_zero</c>, <c>float_bits_part0[10:8]</c>.
/// </summary>
public sealed record TimingPathStep(IReadOnlyList<string> Cells, string CellTypes, SourceSignal? Drives, SourcePlace? Place, double DelayNs, IReadOnlyList<string> Reads)
{
    public bool IsNamed => Drives is not null || Place is not null;
}
