using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>The parameters of a <see cref="SkidBuffer"/> (the `skid-buffer` design).</summary>
public sealed record SkidBufferConfig(
    [property: Parameter("width", "payload bits", Min = 1, Max = 4096)] int Width = 8,
    [property: Parameter("last", "1: the stream carries last")] bool Last = false);
