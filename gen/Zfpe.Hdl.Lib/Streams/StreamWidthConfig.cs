using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>The parameters of a <see cref="StreamWiden{T}"/> or <see cref="StreamNarrow{T}"/> over UInt items (the `stream-widen` and `stream-narrow` designs).</summary>
public sealed record StreamWidthConfig(
    [property: Parameter("width", "narrow payload bits", Min = 1, Max = 1024)] int Width = 8,
    [property: Parameter("ratio", "narrow beats per wide beat", Min = 2, Max = 64)] int Ratio = 4,
    [property: Parameter("last", "1: streams carry last; a fragment's end closes a partial wide beat")] bool Last = true);
