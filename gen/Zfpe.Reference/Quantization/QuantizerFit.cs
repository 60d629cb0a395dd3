namespace Zfpe.Reference.Quantization;

/// <summary>
/// A baseline quantizer fitted to a tensor: the parameters of every group (the whole tensor, or
/// one channel along <see cref="QuantizerParameters.Axis"/>), from which any value's code and
/// decoded value follow. Fitting is one pass over the data; quantizing can then go chunk by chunk,
/// so a large tensor is never copied. Parameters are stored as float32 and quantization uses the
/// stored values, so decoding the codes reproduces exactly what was measured. Values that are not
/// finite take no part in a group's parameters and have no code: they round-trip to NaN.
/// </summary>
public sealed class QuantizerFit
{
    private readonly long _inner;
    private readonly long _channels;

    internal QuantizerFit(QuantizerParameters parameters, long valueCount, long inner, long channels, float[] minimums, float[] scales, int[] topExponents)
    {
        Parameters = parameters;
        ValueCount = valueCount;
        _inner = inner;
        _channels = channels;
        Minimums = minimums;
        Scales = scales;
        TopExponents = topExponents;
    }

    public QuantizerParameters Parameters { get; }

    public long ValueCount { get; }

    /// <summary>Groups with their own parameters: 1 per tensor (0 when empty), the axis' length per channel.</summary>
    public long GroupCount => ValueCount == 0 ? 0 : _channels;

    /// <summary>Per group: the minimum (asymmetric only); empty otherwise.</summary>
    public float[] Minimums { get; }

    /// <summary>Per group: the scale (uniform schemes); empty for power of two.</summary>
    public float[] Scales { get; }

    /// <summary>Per group: the top exponent round(log2 max|x|) (power of two only); empty otherwise.</summary>
    public int[] TopExponents { get; }

    /// <summary>Bits to store the tensor: n per value plus 32 per group parameter.</summary>
    public long StoredBits => Quantizer.StoredBits(ValueCount, GroupCount, Parameters);

    /// <summary>The group of the value at C-order index <paramref name="index"/>.</summary>
    public int GroupOf(long index) => (int)(index / _inner % _channels);

    /// <summary>The n-bit code of a finite <paramref name="x"/> in group <paramref name="group"/>.</summary>
    public int Code(float x, int group)
    {
        int bits = Parameters.Bits;
        switch (Parameters.Scheme)
        {
            case QuantizationScheme.UniformAsymmetric:
            {
                float scale = Scales[group];
                int top = (1 << bits) - 1;
                return scale == 0 ? 0 : (int)Math.Clamp(Math.Round(((double)x - Minimums[group]) / scale, MidpointRounding.ToEven), 0, top);
            }
            case QuantizationScheme.UniformSymmetric:
            {
                float scale = Scales[group];
                int top = (1 << (bits - 1)) - 1;
                return scale == 0 ? 0 : (int)Math.Clamp(Math.Round(x / (double)scale, MidpointRounding.ToEven), -top, top);
            }
            default:
            {
                if (x == 0)
                    return 0;
                int levels = (1 << (bits - 1)) - 1;
                int level = Math.Clamp(TopExponents[group] - Quantizer.RoundedLog2(Math.Abs(x)) + 1, 1, levels);
                return (x < 0 ? 1 << (bits - 1) : 0) | level;
            }
        }
    }

    /// <summary>The value code <paramref name="code"/> stands for in group <paramref name="group"/>.</summary>
    public float Value(int code, int group)
    {
        switch (Parameters.Scheme)
        {
            case QuantizationScheme.UniformAsymmetric:
                return (float)(Minimums[group] + (double)code * Scales[group]);
            case QuantizationScheme.UniformSymmetric:
                return (float)((double)code * Scales[group]);
            default:
                int bits = Parameters.Bits;
                int level = code & ((1 << (bits - 1)) - 1);
                if (level == 0)
                    return 0f;
                double magnitude = Math.Min(Math.Pow(2, TopExponents[group] - (level - 1)), float.MaxValue);
                return (float)((code & (1 << (bits - 1))) != 0 ? -magnitude : magnitude);
        }
    }

    /// <summary>
    /// Quantizes and decodes <paramref name="chunk"/>, the values from C-order index
    /// <paramref name="start"/> on, into <paramref name="output"/>; non-finite values become NaN.
    /// </summary>
    public void RoundTrip(ReadOnlySpan<float> chunk, long start, Span<float> output)
    {
        for (int i = 0; i < chunk.Length; i++)
        {
            int group = GroupOf(start + i);
            output[i] = float.IsFinite(chunk[i]) ? Value(Code(chunk[i], group), group) : float.NaN;
        }
    }
}
