namespace Zfpe.Reference.Quantization;

/// <summary>Which values share one set of quantization parameters.</summary>
public enum QuantizationGranularity
{
    /// <summary>One set for the whole tensor.</summary>
    PerTensor,

    /// <summary>One set per channel: per index along axis 0 of the shape (C order, so each channel is contiguous).</summary>
    PerChannel,
}
