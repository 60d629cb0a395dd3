namespace Zfpe.Flow.Timing;

/// <summary>
/// A cell of a Yosys netlist: its type, the net bits on each port (constants as -1), and its
/// <c>src</c> attribute (the Verilog places that made it, <c>|</c>-separated through the
/// flattened hierarchy; null when Yosys kept none, as for LUTs that ABC made).
/// </summary>
public sealed record YosysCell(string Name, string Type, IReadOnlyDictionary<string, IReadOnlyList<int>> Connections, string? Source);
