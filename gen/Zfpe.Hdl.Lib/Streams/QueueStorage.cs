namespace Zfpe.Hdl.Lib.Streams;

/// <summary>Where a <see cref="StreamQueue{T}"/> keeps its words.</summary>
public enum QueueStorage
{
    /// <summary>A memory read asynchronously: LUT RAM (TRELLIS_DPR16X4 on the ECP5), for small depths; latency 1.</summary>
    Lut,

    /// <summary>A memory read synchronously, block RAM (DP16KD), read ahead through a fabric register into a 4-word LUT-RAM landing queue; latency 4.</summary>
    BlockRam,

    /// <summary>
    /// A chain of register stages, flip-flops only (no RAM, no data multiplexer, so no LUT on the
    /// data bits): a word moves one stage per cycle while the next is empty, and a stage takes a word
    /// only when empty, so every ready is a register. One beat per two cycles; latency depth cycles.
    /// For deep-enough, slow queues where LUT RAM would cost more (each DPR16X4 takes three slices).
    /// </summary>
    Registers,
}
