namespace Zfpe.Hdl.Emit;

/// <summary>One emitted Verilog module: its file name (module name + ".v") and its text.</summary>
public sealed record VerilogFile(string ModuleName, string FileName, string Text);
