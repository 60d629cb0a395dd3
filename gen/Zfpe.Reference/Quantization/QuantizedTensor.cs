namespace Zfpe.Reference.Quantization;

/// <summary>
/// A tensor as a baseline quantizer stores it: n-bit codes plus per-group parameters (the fit).
/// Codes per scheme: asymmetric 0..2^n − 1; symmetric −(2^(n−1) − 1)..2^(n−1) − 1; power of two a
/// sign bit (bit n − 1) and a level L in the low n − 1 bits, L = 0 for zero, else exponent
/// TopExponent − (L − 1).
/// </summary>
public sealed class QuantizedTensor
{
    /// <summary>The group parameters the codes were made with.</summary>
    public required QuantizerFit Fit { get; init; }

    public required long[] Shape { get; init; }

    /// <summary>One n-bit code per value.</summary>
    public required int[] Codes { get; init; }

    public QuantizerParameters Parameters => Fit.Parameters;

    public long GroupCount => Fit.GroupCount;

    /// <summary>Values per group (the whole tensor, or one channel).</summary>
    public long GroupLength => GroupCount == 0 ? 0 : Codes.Length / GroupCount;

    /// <summary>Per group: the scale (uniform schemes); empty for power of two.</summary>
    public float[] Scales => Fit.Scales;

    /// <summary>Per group: the minimum (asymmetric only); empty otherwise.</summary>
    public float[] Minimums => Fit.Minimums;

    /// <summary>Per group: the top exponent round(log2 max|x|) (power of two only); empty otherwise.</summary>
    public int[] TopExponents => Fit.TopExponents;

    /// <summary>Bits to store the tensor: n per value plus 32 per group parameter.</summary>
    public long StoredBits => Fit.StoredBits;

    public double BitsPerValue => Codes.Length == 0 ? 0 : (double)StoredBits / Codes.Length;
}
