using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>The parameters of a <see cref="StreamArbiter{T}"/> over UInt payloads (the `stream-arbiter` design).</summary>
public sealed record StreamArbiterConfig(
    [property: Parameter("inputs", "number of input streams", Min = 2, Max = 64)] int Inputs = 4,
    [property: Parameter("width", "payload bits", Min = 1, Max = 4096)] int Width = 8,
    [property: Parameter("policy", "which waiting input wins")] ArbiterPolicy Policy = ArbiterPolicy.RoundRobin,
    [property: Parameter("lock", "1: hold the grant for a whole fragment (until last)")] bool Lock = true,
    [property: Parameter("registered-grant", "1: the grant is a register (no path from an input's valid to the output; one idle cycle when it changes hands)")] bool RegisteredGrant = false);
