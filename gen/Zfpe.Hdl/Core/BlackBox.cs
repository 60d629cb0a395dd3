using System.Globalization;
using System.Runtime.CompilerServices;

namespace Zfpe.Hdl;

/// <summary>
/// An instance of a module defined outside the DSL, typically a vendor primitive (EHXPLLL,
/// MULT18X18D): declare its ports with In/Out and its Verilog parameters with
/// <see cref="Parameter(string, long)"/>. No module is emitted for it and it has no implicit
/// clock. The DSL assumes no combinational path from its inputs to its outputs.
/// </summary>
public abstract class BlackBox : Component
{
    private readonly string moduleName;

    protected BlackBox(string verilogModuleName, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        : base(file, line) => moduleName = verilogModuleName;

    public override string ModuleBaseName => moduleName;

    internal List<(string Name, string Value)> VerilogParameters { get; } = [];

    protected void Parameter(string name, long value) => VerilogParameters.Add((name, value.ToString(CultureInfo.InvariantCulture)));

    protected void Parameter(string name, string value) => VerilogParameters.Add((name, "\"" + value.Replace("\"", "\\\"") + "\""));
}
