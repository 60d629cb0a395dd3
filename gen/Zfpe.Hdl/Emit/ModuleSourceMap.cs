namespace Zfpe.Hdl.Emit;

/// <summary>
/// The source map of one emitted module: its file, the C# class and where it is declared, its
/// declared names (in the order of the Verilog), the instances it contains, and the C# location of
/// every Verilog line that carries a statement (line numbers count from 1 in <see cref="FileName"/>).
/// </summary>
public sealed record ModuleSourceMap(
    string Name,
    string FileName,
    string Component,
    string Source,
    IReadOnlyList<SourceMapSignal> Signals,
    IReadOnlyList<SourceMapInstance> Instances,
    IReadOnlyList<SourceMapLine> Lines)
{
    public SourceMapSignal? Signal(string name) => Signals.FirstOrDefault(s => s.Name == name);

    public SourceMapInstance? Instance(string name) => Instances.FirstOrDefault(i => i.Name == name);

    /// <summary>The statement on Verilog line <paramref name="line"/>, or null when that line carries none.</summary>
    public SourceMapLine? Line(int line) => Lines.FirstOrDefault(l => l.Line == line);
}
