namespace Zfpe.Hdl.Emit;

/// <summary>What a port is for, beyond carrying data.</summary>
public enum PortRole
{
    Data,
    /// <summary>The implicit clock of the component (rising edge).</summary>
    Clock,
    /// <summary>The implicit synchronous reset of the component (active high).</summary>
    Reset,
}
