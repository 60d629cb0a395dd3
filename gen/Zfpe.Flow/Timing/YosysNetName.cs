namespace Zfpe.Flow.Timing;

/// <summary>
/// A named net (or bus) of a Yosys netlist: its bits (index 0 is bit 0 of the signal), its
/// <c>hdlname</c> (the hierarchical name, space-separated, of a signal from a flattened module)
/// and its <c>src</c>.
/// </summary>
public sealed record YosysNetName(string Name, IReadOnlyList<int> Bits, string? HdlName, string? Source);
