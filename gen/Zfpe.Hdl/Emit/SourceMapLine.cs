namespace Zfpe.Hdl.Emit;

/// <summary>
/// A Verilog line that carries a statement: its number in the module's file, the C# location of
/// the statement, what kind of statement it is, and the name it assigns (a signal, memory,
/// expression part or instance; null for conditions and case selectors).
/// </summary>
public sealed record SourceMapLine(int Line, string Source, SourceMapStatement Kind, string? Target);
