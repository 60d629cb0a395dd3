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

    internal List<string> ClockPins { get; } = [];

    /// <summary>
    /// Declares an input pin of the primitive that takes the clock of the component that
    /// instantiates it (a DSP's CLK0, a block RAM's CLKA): the emitter connects it to that
    /// component's clock, which gives the component a clock as a register would.
    /// </summary>
    protected void ClockPin(string name) => ClockPins.Add(name);

    protected void Parameter(string name, long value) => VerilogParameters.Add((name, value.ToString(CultureInfo.InvariantCulture)));

    protected void Parameter(string name, string value) => VerilogParameters.Add((name, "\"" + value.Replace("\"", "\\\"") + "\""));
}
