using Zfpe.Reference.Float;

namespace Zfpe.Reference.Dense;

/// <summary>
/// The dense layer exactly as the PE array computes it, the contract its hardware is held to.
/// For every batch row b and output o the PE's accumulator starts at the bias (+0 without one)
/// and takes one product per input, in input order:
/// <code>
/// acc = bias[o];  for i in 0..inputs-1: acc = Add(acc, Multiply(W[o, i], x[b, i]))
/// </code>
/// with <see cref="SimpleFloat"/>'s multiplier and adder (truncated operands, no fused rounding),
/// then the activation (ReLU: a negative result becomes +0). The array's geometry decides which PE
/// does the work and in which order results leave (<see cref="ArraySchedule"/>), never the
/// order of the additions, so the bits are the same for every geometry. <see cref="ComputeExact"/>
/// is the float64 result for error reports.
/// </summary>
public static class DenseReference
{
    /// <summary>The layer's outputs for <paramref name="batch"/> rows of <paramref name="inputs"/> (row-major, batch × layer inputs), batch × outputs row-major.</summary>
    public static float[] Compute(DenseLayer layer, ReadOnlySpan<float> inputs, int batch, SimpleFloatFormat format)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(format);
        layer.Validate();
        format.Validate();
        RequireShape(layer, inputs.Length, batch);
        var y = new float[(long)batch * layer.Outputs];
        for (var b = 0; b < batch; b++)
        {
            var x = inputs.Slice(b * layer.Inputs, layer.Inputs);
            for (var o = 0; o < layer.Outputs; o++)
            {
                var acc = BitConverter.SingleToUInt32Bits(layer.BiasOf(o));
                var row = layer.Weights.AsSpan((int)((long)o * layer.Inputs), layer.Inputs);
                for (var i = 0; i < layer.Inputs; i++)
                    acc = SimpleFloat.MultiplyAdd(acc, BitConverter.SingleToUInt32Bits(row[i]), BitConverter.SingleToUInt32Bits(x[i]), format);
                y[(long)b * layer.Outputs + o] = Activate(BitConverter.UInt32BitsToSingle(acc), layer.Activation);
            }
        }
        return y;
    }

    /// <summary>The same layer in float64 (products and sums exact to double precision): what the results are compared with for error figures.</summary>
    public static double[] ComputeExact(DenseLayer layer, ReadOnlySpan<float> inputs, int batch)
    {
        ArgumentNullException.ThrowIfNull(layer);
        layer.Validate();
        RequireShape(layer, inputs.Length, batch);
        var y = new double[(long)batch * layer.Outputs];
        for (var b = 0; b < batch; b++)
            for (var o = 0; o < layer.Outputs; o++)
            {
                double acc = layer.BiasOf(o);
                for (var i = 0; i < layer.Inputs; i++) acc += (double)layer.Weight(o, i) * inputs[b * layer.Inputs + i];
                y[(long)b * layer.Outputs + o] = layer.Activation == DenseActivation.Relu ? Math.Max(0, acc) : acc;
            }
        return y;
    }

    /// <summary>The activation as the array's output stage applies it to a result's bits.</summary>
    public static float Activate(float value, DenseActivation activation) =>
        activation == DenseActivation.Relu && BitConverter.SingleToUInt32Bits(value) >> 31 != 0 ? 0f : value;

    private static void RequireShape(DenseLayer layer, int values, int batch)
    {
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, $"the batch needs at least one row, not {batch}");
        if (values != (long)batch * layer.Inputs)
            throw new ArgumentException($"the inputs hold {values} values, but {batch} rows of {layer.Inputs} inputs need {(long)batch * layer.Inputs}");
    }
}
