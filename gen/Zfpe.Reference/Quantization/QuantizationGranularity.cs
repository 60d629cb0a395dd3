namespace Zfpe.Reference.Quantization;

/// <summary>Which values share one set of quantization parameters.</summary>
public enum QuantizationGranularity
{
    /// <summary>One set for the whole tensor.</summary>
    PerTensor,

    /// <summary>One set per channel: per index along the parameters' axis (axis 0 by default, where each channel is contiguous in C order).</summary>
    PerChannel,
}
