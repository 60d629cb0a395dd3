namespace Zfpe.Reference.Quantization;

/// <summary>
/// The baselines of docs/zfpe-format.md §8. Rounding is half to even. Parameters are stored as
/// float32, and quantization uses the stored values, so that decoding from the stored tensor
/// reproduces exactly what was measured. Per channel means per index along the parameters' axis.
/// </summary>
public static class Quantizer
{
    /// <summary>
    /// Fits the group parameters in one pass over <paramref name="values"/> (C order, of
    /// <paramref name="shape"/>). Values that are not finite are left out of the parameters.
    /// </summary>
    public static QuantizerFit Fit(ReadOnlySpan<float> values, IReadOnlyList<long> shape, QuantizerParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        var (inner, channels) = Grouping(values.Length, shape, parameters);
        int groups = values.Length == 0 ? 0 : (int)channels;
        var min = new double[groups];
        var max = new double[groups];
        var peak = new double[groups];
        Array.Fill(min, double.PositiveInfinity);
        Array.Fill(max, double.NegativeInfinity);
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            if (!double.IsFinite(x))
                continue;
            int g = (int)(i / inner % channels);
            min[g] = Math.Min(min[g], x);
            max[g] = Math.Max(max[g], x);
            peak[g] = Math.Max(peak[g], Math.Abs(x));
        }

        bool asymmetric = parameters.Scheme == QuantizationScheme.UniformAsymmetric;
        bool powerOfTwo = parameters.Scheme == QuantizationScheme.PowerOfTwo;
        var minimums = new float[asymmetric ? groups : 0];
        var scales = new float[powerOfTwo ? 0 : groups];
        var topExponents = new int[powerOfTwo ? groups : 0];
        for (int g = 0; g < groups; g++)
        {
            // A group without finite values has nothing to fit: zero parameters.
            bool empty = double.IsPositiveInfinity(min[g]);
            switch (parameters.Scheme)
            {
                case QuantizationScheme.UniformAsymmetric:
                    // A constant group (or a range too small for float32) has scale 0: every value decodes to min.
                    minimums[g] = empty ? 0f : (float)min[g];
                    scales[g] = empty ? 0f : (float)((max[g] - minimums[g]) / ((1 << parameters.Bits) - 1));
                    break;
                case QuantizationScheme.UniformSymmetric:
                    scales[g] = (float)(peak[g] / ((1 << (parameters.Bits - 1)) - 1));
                    break;
                default:
                    topExponents[g] = peak[g] == 0 ? 0 : RoundedLog2(peak[g]);
                    break;
            }
        }
        return new QuantizerFit(parameters, values.Length, inner, channels, minimums, scales, topExponents);
    }

    /// <summary>The codes and parameters of a tensor; every value must be finite (a code cannot stand for NaN or ±Inf).</summary>
    public static QuantizedTensor Quantize(ReadOnlySpan<float> values, IReadOnlyList<long> shape, QuantizerParameters parameters)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                throw new ArgumentException($"value {i} is {values[i]}: a quantizer has codes for finite values only; replace NaN and Inf first", nameof(values));
        }
        var fit = Fit(values, shape, parameters);
        var codes = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
            codes[i] = fit.Code(values[i], fit.GroupOf(i));
        return new QuantizedTensor { Fit = fit, Shape = shape.ToArray(), Codes = codes };
    }

    public static float[] Dequantize(QuantizedTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var result = new float[tensor.Codes.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = tensor.Fit.Value(tensor.Codes[i], tensor.Fit.GroupOf(i));
        return result;
    }

    /// <summary>Quantizes and decodes in one step: what the tensor looks like after the baseline.</summary>
    public static float[] RoundTrip(ReadOnlySpan<float> values, IReadOnlyList<long> shape, QuantizerParameters parameters)
    {
        var result = new float[values.Length];
        Fit(values, shape, parameters).RoundTrip(values, 0, result);
        return result;
    }

    /// <summary>n bits per value plus 32 bits per group parameter.</summary>
    public static long StoredBits(long valueCount, long groupCount, QuantizerParameters parameters) =>
        valueCount * parameters.Bits + groupCount * parameters.ParametersPerGroup * QuantizerParameters.ParameterBits;

    /// <summary>Groups a tensor of this shape has: 1 per tensor (0 when empty), the axis' length per channel.</summary>
    public static long GroupCount(IReadOnlyList<long> shape, QuantizerParameters parameters)
    {
        long count = 1;
        foreach (long d in shape)
            count = checked(count * d);
        return count == 0 ? 0 : Grouping(count, shape, parameters).Channels;
    }

    internal static int RoundedLog2(double magnitude) => (int)Math.Round(Math.Log2(magnitude), MidpointRounding.ToEven);

    /// <summary>
    /// How C-order indices map to groups: group = index / inner % channels, where channels is the
    /// axis' length and inner the product of the dimensions after it (1 group of everything per tensor).
    /// </summary>
    private static (long Inner, long Channels) Grouping(long valueCount, IReadOnlyList<long> shape, QuantizerParameters parameters)
    {
        long product = 1;
        foreach (long d in shape)
        {
            if (d < 0)
                throw new ArgumentException($"shape ({string.Join(", ", shape)}) has a negative dimension", nameof(shape));
            product = checked(product * d);
        }
        if (product != valueCount)
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) holds {product} values but {valueCount} were given: pass the tensor's own shape", nameof(shape));
        if (parameters.Granularity == QuantizationGranularity.PerTensor)
            return (Math.Max(1, valueCount), 1);
        if (parameters.Axis >= shape.Count)
            throw new ArgumentException($"axis = {parameters.Axis} is out of range for a tensor of rank {shape.Count}: per-channel quantization needs an axis 0..{shape.Count - 1}", nameof(parameters));
        long inner = 1;
        for (int k = parameters.Axis + 1; k < shape.Count; k++)
            inner *= shape[k];
        return (Math.Max(1, inner), Math.Max(1, shape[parameters.Axis]));
    }
}
