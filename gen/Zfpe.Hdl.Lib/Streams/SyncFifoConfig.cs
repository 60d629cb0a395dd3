using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>The parameters of a <see cref="SyncFifo"/> (the `fifo` design).</summary>
public sealed record SyncFifoConfig(
    [property: Parameter("width", "payload bits", Min = 1, Max = 4096)] int Width = 8,
    [property: Parameter("depth", "words", Min = 1, Max = 1 << 20)] int Depth = 16,
    [property: Parameter("bram", "1: registered reads mapped to block RAM")] bool Bram = false);
