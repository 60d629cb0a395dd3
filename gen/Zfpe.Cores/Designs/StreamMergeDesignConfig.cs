using Zfpe.Hdl;

namespace Zfpe.Cores.Designs;

// Until the typed stream library replaces this example's component, its parameters live with the catalog.
/// <summary>The parameters of the `stream-merge` design.</summary>
public sealed record StreamMergeDesignConfig(
    [property: Parameter("inputs", "number of input streams", Min = 2, Max = 64)] int Inputs = 4,
    [property: Parameter("width", "payload bits", Min = 1, Max = 4096)] int Width = 8,
    [property: Parameter("depth", "FIFO depth", Min = 1, Max = 1 << 16)] int Depth = 16);
