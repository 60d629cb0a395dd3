namespace Zfpe.Hdl.Emit;

/// <summary>
/// One port of an emitted top module: its Verilog name, width in bits and direction.
/// <see cref="Role"/> marks the implicit clock and reset so that simulators can drive them.
/// </summary>
public sealed record PortInfo(string Name, int Width, PortDirection Direction, bool IsSigned, PortRole Role = PortRole.Data);
