using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>The parameters of a <see cref="StreamFork{T}"/> over UInt payloads (the `stream-fork` design).</summary>
public sealed record StreamForkConfig(
    [property: Parameter("outputs", "number of output streams", Min = 2, Max = 64)] int Outputs = 2,
    [property: Parameter("width", "payload bits", Min = 1, Max = 4096)] int Width = 8,
    [property: Parameter("mode", "eager: each output takes its copy when ready; lazy: all in one cycle")] ForkMode Mode = ForkMode.Eager);
