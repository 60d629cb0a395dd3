using Zfpe.Hdl.Emit;

namespace Zfpe.Flow.Timing;

/// <summary>
/// Where a synthesised cell came from: the Verilog file and line (of the innermost module that
/// made it), the Verilog text Yosys points at (when it is on one line), and, from the source map,
/// the C# location of that line's statement, its kind and the name it assigns.
/// </summary>
public sealed record SourcePlace(string Instance, string VerilogFile, int Line, string? Excerpt, string? CSharp, SourceMapStatement? Statement, string? Target)
{
    public string Verilog => $"{VerilogFile}:{Line}";
}
