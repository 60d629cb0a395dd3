using Zfpe.Hdl;

namespace Zfpe.Cores.Accelerator;

/// <summary>
/// One layer as the host sets it up for an <see cref="AcceleratorCore"/> run (held while the core is
/// busy). Addresses and sizes are in 16-bit memory words; regions lie as
/// <c>Zfpe.Reference.Accelerator.AcceleratorLayout</c> describes, each region starting at a word:
/// output tile ot's weights at <c>WeightAddress + ot·WeightWords</c>, its biases (raw float32, low half
/// first) at <c>BiasAddress + ot·2T</c>, batch tile bt's inputs at <c>InputAddress + bt·InputWords</c>
/// and its outputs at <c>OutputAddress + bt·OutputWords</c>.
/// </summary>
public sealed class LayerSettings : Bundle
{
    /// <summary>The layer's outputs, 1..65535 (results past them are padding, not written).</summary>
    public UInt Outputs { get; }

    /// <summary>Output tiles: ceil(outputs / T), 1..65535.</summary>
    public UInt OutputTiles { get; }

    /// <summary>Batch tiles: ceil(batch / B), 1..65535.</summary>
    public UInt BatchTiles { get; }

    public Bool Relu { get; }

    public UInt WeightAddress { get; }

    /// <summary>Words of one output tile's weight region (the stride between them), at least 1.</summary>
    public UInt WeightWords { get; }

    public UInt BiasAddress { get; }

    public UInt InputAddress { get; }

    /// <summary>Words of one batch tile's input region (the stride between them), at least 1.</summary>
    public UInt InputWords { get; }

    public UInt OutputAddress { get; }

    /// <summary>The stride between batch tiles' output regions, in words.</summary>
    public UInt OutputWords { get; }

    private LayerSettings(Fields f, int addressBits) : base(f)
    {
        Outputs = f.UInt(AcceleratorCoreConfig.CountBits);
        OutputTiles = f.UInt(AcceleratorCoreConfig.CountBits);
        BatchTiles = f.UInt(AcceleratorCoreConfig.CountBits);
        Relu = f.Bool();
        WeightAddress = f.UInt(addressBits);
        WeightWords = f.UInt(addressBits + 1);
        BiasAddress = f.UInt(addressBits);
        InputAddress = f.UInt(addressBits);
        InputWords = f.UInt(addressBits + 1);
        OutputAddress = f.UInt(addressBits);
        OutputWords = f.UInt(addressBits + 1);
    }

    public static Shape<LayerSettings> Shape(int addressBits) => Zfpe.Hdl.Shape.Of(f => new LayerSettings(f, addressBits));
}
