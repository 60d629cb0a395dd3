using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>The parameters of a <see cref="RoundRobinArbiter"/> (the `arbiter` design).</summary>
public sealed record RoundRobinArbiterConfig(
    [property: Parameter("inputs", "number of input streams", Min = 2, Max = 64)] int Inputs = 4,
    [property: Parameter("width", "payload bits", Min = 1, Max = 4096)] int Width = 8,
    [property: Parameter("lock", "1: hold the grant until last")] bool Lock = false);
