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
}
