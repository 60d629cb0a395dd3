using Zfpe.Hdl;

namespace Zfpe.Cores.Designs;

// Until the typed stream library replaces this example's component, its parameters live with the catalog.
/// <summary>The parameters of the `skid-buffer` design.</summary>
public sealed record SkidBufferDesignConfig(
    [property: Parameter("width", "payload bits", Min = 1, Max = 4096)] int Width = 8,
    [property: Parameter("last", "1: the stream carries last")] bool Last = false);
