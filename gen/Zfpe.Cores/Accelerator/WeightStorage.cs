namespace Zfpe.Cores.Accelerator;

/// <summary>How the accelerator's weights lie in SDRAM (the `weights` parameter; the info reply's byte 23).</summary>
public enum WeightStorage
{
    /// <summary>ZFPe streams, decompressed on the way to the PE array (the accelerator of the paper).</summary>
    Zfpe,

    /// <summary>Raw float32, two words each, low half first: the uncompressed accelerator, to show what compression saves.</summary>
    Raw,
}
