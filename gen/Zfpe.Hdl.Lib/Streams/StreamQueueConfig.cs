using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>The parameters of a <see cref="StreamQueue{T}"/> over UInt payloads (the `stream-queue` design).</summary>
public sealed record StreamQueueConfig(
    [property: Parameter("width", "payload bits", Min = 1, Max = 4096)] int Width = 8,
    [property: Parameter("depth", "words", Min = 1, Max = 1 << 20)] int Depth = 16,
    [property: Parameter("storage", "lut: LUT RAM, latency 1; block-ram: DP16KD, latency 2")] QueueStorage Storage = QueueStorage.Lut,
    [property: Parameter("last", "1: the stream carries last")] bool Last = true);
