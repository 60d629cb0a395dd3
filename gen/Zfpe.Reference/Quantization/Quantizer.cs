namespace Zfpe.Reference.Quantization;

/// <summary>
/// The baselines of zfpe-format.md §7. Rounding is half to even. Parameters are stored as
/// float32, and quantization uses the stored values, so that decoding from the stored tensor
/// reproduces exactly what was measured.
/// </summary>
public static class Quantizer
{
    public static QuantizedTensor Quantize(ReadOnlySpan<float> values, IReadOnlyList<long> shape, QuantizerParameters parameters)
    {
        parameters.Validate();
        int groupLength = GroupLength(values.Length, shape, parameters.Granularity);
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                throw new ArgumentException($"value {i} is {values[i]}: the quantizers need finite data; replace NaN and Inf first", nameof(values));
        }

        int groups = groupLength == 0 ? 0 : values.Length / groupLength;
        var codes = new int[values.Length];
        bool asymmetric = parameters.Scheme == QuantizationScheme.UniformAsymmetric;
        bool powerOfTwo = parameters.Scheme == QuantizationScheme.PowerOfTwo;
        var scales = new float[powerOfTwo ? 0 : groups];
        var minimums = new float[asymmetric ? groups : 0];
        var topExponents = new int[powerOfTwo ? groups : 0];
        for (int g = 0; g < groups; g++)
        {
            var group = values.Slice(g * groupLength, groupLength);
            var groupCodes = codes.AsSpan(g * groupLength, groupLength);
            switch (parameters.Scheme)
            {
                case QuantizationScheme.UniformAsymmetric:
                    (minimums[g], scales[g]) = QuantizeAsymmetric(group, parameters.Bits, groupCodes);
                    break;
                case QuantizationScheme.UniformSymmetric:
                    scales[g] = QuantizeSymmetric(group, parameters.Bits, groupCodes);
                    break;
                default:
                    topExponents[g] = QuantizePowerOfTwo(group, parameters.Bits, groupCodes);
                    break;
            }
        }
        return new QuantizedTensor
        {
            Parameters = parameters,
            Shape = shape.ToArray(),
            Codes = codes,
            GroupLength = groupLength,
            Scales = scales,
            Minimums = minimums,
            TopExponents = topExponents,
        };
    }

    public static float[] Dequantize(QuantizedTensor tensor)
    {
        var p = tensor.Parameters;
        var result = new float[tensor.Codes.Length];
        for (int i = 0; i < result.Length; i++)
        {
            int g = i / tensor.GroupLength;
            int code = tensor.Codes[i];
            result[i] = p.Scheme switch
            {
                QuantizationScheme.UniformAsymmetric => (float)(tensor.Minimums[g] + (double)code * tensor.Scales[g]),
                QuantizationScheme.UniformSymmetric => (float)((double)code * tensor.Scales[g]),
                _ => PowerOfTwoValue(code, p.Bits, tensor.TopExponents[g]),
            };
        }
        return result;
    }

    /// <summary>Quantizes and decodes in one step: what the tensor looks like after the baseline.</summary>
    public static float[] RoundTrip(ReadOnlySpan<float> values, IReadOnlyList<long> shape, QuantizerParameters parameters) =>
        Dequantize(Quantize(values, shape, parameters));

    /// <summary>n bits per value plus 32 bits per group parameter.</summary>
    public static long StoredBits(long valueCount, long groupCount, QuantizerParameters parameters) =>
        valueCount * parameters.Bits + groupCount * parameters.ParametersPerGroup * QuantizerParameters.ParameterBits;

    /// <summary>Groups a tensor of this shape has: 1 per tensor (0 when empty), shape[0] per channel.</summary>
    public static long GroupCount(IReadOnlyList<long> shape, QuantizationGranularity granularity)
    {
        long count = 1;
        foreach (long d in shape)
            count *= d;
        if (count == 0)
            return 0;
        return granularity == QuantizationGranularity.PerChannel && shape.Count > 0 ? shape[0] : 1;
    }

    private static int GroupLength(int valueCount, IReadOnlyList<long> shape, QuantizationGranularity granularity)
    {
        long product = 1;
        foreach (long d in shape)
        {
            if (d < 0)
                throw new ArgumentException($"shape ({string.Join(", ", shape)}) has a negative dimension", nameof(shape));
            product *= d;
        }
        if (product != valueCount)
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) holds {product} values but {valueCount} were given: pass the tensor's own shape", nameof(shape));
        if (valueCount == 0)
            return 0;
        if (granularity == QuantizationGranularity.PerTensor || shape.Count == 0)
            return valueCount;
        return (int)(valueCount / shape[0]);
    }

    private static (float Minimum, float Scale) QuantizeAsymmetric(ReadOnlySpan<float> group, int bits, Span<int> codes)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float x in group)
        {
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }
        int top = (1 << bits) - 1;
        float scale = (float)(((double)max - min) / top);
        if (scale == 0)
        {
            // Constant group (or a range too small for float32): every value decodes to min.
            codes.Clear();
            return (min, 0f);
        }
        for (int i = 0; i < group.Length; i++)
            codes[i] = (int)Math.Clamp(Math.Round(((double)group[i] - min) / scale, MidpointRounding.ToEven), 0, top);
        return (min, scale);
    }

    private static float QuantizeSymmetric(ReadOnlySpan<float> group, int bits, Span<int> codes)
    {
        double peak = 0;
        foreach (float x in group)
            peak = Math.Max(peak, Math.Abs((double)x));
        int top = (1 << (bits - 1)) - 1;
        float scale = (float)(peak / top);
        if (scale == 0)
        {
            codes.Clear();
            return 0f;
        }
        for (int i = 0; i < group.Length; i++)
            codes[i] = (int)Math.Clamp(Math.Round(group[i] / (double)scale, MidpointRounding.ToEven), -top, top);
        return scale;
    }

    private static int QuantizePowerOfTwo(ReadOnlySpan<float> group, int bits, Span<int> codes)
    {
        double peak = 0;
        foreach (float x in group)
            peak = Math.Max(peak, Math.Abs((double)x));
        if (peak == 0)
        {
            codes.Clear();
            return 0;
        }
        int topExponent = RoundedLog2(peak);
        int levels = (1 << (bits - 1)) - 1;
        int signBit = 1 << (bits - 1);
        for (int i = 0; i < group.Length; i++)
        {
            float x = group[i];
            if (x == 0)
            {
                codes[i] = 0;
                continue;
            }
            int level = Math.Clamp(topExponent - RoundedLog2(Math.Abs(x)) + 1, 1, levels);
            codes[i] = (x < 0 ? signBit : 0) | level;
        }
        return topExponent;
    }

    private static int RoundedLog2(double magnitude) => (int)Math.Round(Math.Log2(magnitude), MidpointRounding.ToEven);

    private static float PowerOfTwoValue(int code, int bits, int topExponent)
    {
        int level = code & ((1 << (bits - 1)) - 1);
        if (level == 0)
            return 0f;
        double magnitude = Math.Min(Math.Pow(2, topExponent - (level - 1)), float.MaxValue);
        return (float)((code & (1 << (bits - 1))) != 0 ? -magnitude : magnitude);
    }
}
