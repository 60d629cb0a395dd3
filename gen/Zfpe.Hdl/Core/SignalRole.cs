namespace Zfpe.Hdl;

/// <summary>What a declared signal is.</summary>
public enum SignalRole
{
    Input,
    Output,
    Wire,
    Register,
    /// <summary>The registered output of a memory's synchronous read port.</summary>
    MemoryReadData,
    /// <summary>
    /// A bidirectional port (Verilog <c>inout</c>) for a board pad: it carries no DSL logic, it is
    /// only attached to an instance's inout pin (a vendor I/O buffer) with <c>Attach</c>.
    /// </summary>
    InOut,
}
