namespace Zfpe.Hdl.Emit;

/// <summary>Direction of a module port as seen from inside the module.</summary>
public enum PortDirection
{
    Input,
    Output,
    /// <summary>A bidirectional pad (<c>inout</c>): synthesis only, a simulation bridge drives none.</summary>
    InOut,
}
