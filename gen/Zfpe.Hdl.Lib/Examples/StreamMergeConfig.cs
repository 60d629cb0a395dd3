using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Examples;

/// <summary>The parameters of a <see cref="StreamMerge"/> (the `stream-merge` design).</summary>
public sealed record StreamMergeConfig(
    [property: Parameter("inputs", "number of input streams", Min = 2, Max = 64)] int Inputs = 4,
    [property: Parameter("width", "payload bits", Min = 1, Max = 4096)] int Width = 8,
    [property: Parameter("depth", "FIFO depth", Min = 1, Max = 1 << 16)] int Depth = 16);
