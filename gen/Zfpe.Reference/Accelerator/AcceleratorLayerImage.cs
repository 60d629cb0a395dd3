namespace Zfpe.Reference.Accelerator;

/// <summary>
/// One layer as the accelerator holds and produces it: the ZFPe streams of its regions
/// (<see cref="AcceleratorLayout"/>), the raw biases, and the PE array's results before the compressor.
/// </summary>
public sealed record AcceleratorLayerImage(
    AcceleratorLayout Layout,
    IReadOnlyList<byte[]> WeightTiles,
    float[] Biases,
    IReadOnlyList<byte[]> InputTiles,
    float[] Results,
    IReadOnlyList<byte[]> OutputTiles);
