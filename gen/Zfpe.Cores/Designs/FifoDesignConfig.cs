using Zfpe.Hdl;

namespace Zfpe.Cores.Designs;

// Until the typed stream library replaces this example's component, its parameters live with the catalog.
/// <summary>The parameters of the `fifo` design: a synchronous stream FIFO.</summary>
public sealed record FifoDesignConfig(
    [property: Parameter("width", "payload bits", Min = 1, Max = 4096)] int Width = 8,
    [property: Parameter("depth", "words", Min = 1, Max = 1 << 20)] int Depth = 16,
    [property: Parameter("bram", "1: registered reads mapped to block RAM")] bool Bram = false);
