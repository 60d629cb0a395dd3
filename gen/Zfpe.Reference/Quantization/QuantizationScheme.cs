namespace Zfpe.Reference.Quantization;

/// <summary>The baseline quantizers of docs/zfpe-format.md §8.</summary>
public enum QuantizationScheme
{
    /// <summary><c>q = round((x − min) · (2^n − 1) / (max − min))</c>, stored with min and the scale.</summary>
    UniformAsymmetric,

    /// <summary><c>q = round(x · (2^(n−1) − 1) / max|x|)</c>, stored with the scale.</summary>
    UniformSymmetric,

    /// <summary><c>sign(x) · 2^round(log2 |x|)</c>, exponents clamped to the range n bits can code below the group's top exponent.</summary>
    PowerOfTwo,
}
