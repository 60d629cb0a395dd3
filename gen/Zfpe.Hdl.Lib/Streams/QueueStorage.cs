namespace Zfpe.Hdl.Lib.Streams;

/// <summary>Where a <see cref="StreamQueue{T}"/> keeps its words.</summary>
public enum QueueStorage
{
    /// <summary>A memory read asynchronously: LUT RAM (TRELLIS_DPR16X4 on the ECP5), for small depths; latency 1.</summary>
    Lut,

    /// <summary>A memory read synchronously with a one-word output register: block RAM (DP16KD); latency 2.</summary>
    BlockRam,
}
