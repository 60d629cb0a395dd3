namespace Zfpe.Reference.Quantization;

/// <summary>A baseline quantizer: scheme, bits per value n, granularity, and the channel axis for per-channel quantization.</summary>
public sealed record QuantizerParameters(
    QuantizationScheme Scheme,
    int Bits = 8,
    QuantizationGranularity Granularity = QuantizationGranularity.PerTensor,
    int Axis = 0)
{
    public const int MinBits = 2;
    public const int MaxUniformBits = 16;

    /// <summary>Power of two codes a sign and n − 1 exponent bits; 9 bits already span every float32 exponent.</summary>
    public const int MaxPowerOfTwoBits = 9;

    /// <summary>Each stored scale, minimum or top exponent costs 32 bits (a float32 or an int32).</summary>
    public const int ParameterBits = 32;

    public int MaxBits => Scheme == QuantizationScheme.PowerOfTwo ? MaxPowerOfTwoBits : MaxUniformBits;

    /// <summary>How many 32-bit parameters each group stores: asymmetric min and scale, the others one.</summary>
    public int ParametersPerGroup => Scheme == QuantizationScheme.UniformAsymmetric ? 2 : 1;

    public void Validate()
    {
        if (!Enum.IsDefined(Scheme))
            throw new ArgumentOutOfRangeException(nameof(Scheme), $"scheme = {(int)Scheme} is not a quantization scheme: allowed {string.Join(", ", Enum.GetNames<QuantizationScheme>())}");
        if (!Enum.IsDefined(Granularity))
            throw new ArgumentOutOfRangeException(nameof(Granularity), $"granularity = {(int)Granularity} is not a granularity: allowed {string.Join(", ", Enum.GetNames<QuantizationGranularity>())}");
        if (Bits < MinBits || Bits > MaxBits)
            throw new ArgumentOutOfRangeException(nameof(Bits), $"bits = {Bits} is out of range for {Scheme}: allowed {MinBits}..{MaxBits}");
        if (Axis < 0)
            throw new ArgumentOutOfRangeException(nameof(Axis), $"axis = {Axis} is negative: give the channel axis counted from 0");
    }
}
