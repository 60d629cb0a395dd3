using Zfpe.Reference.Dense;

namespace Zfpe.Reference.Study;

/// <summary>
/// What a codec does to a dense layer's result: the relative RMS error of the pre-activation
/// <c>y = W · x + b</c> computed in float64 from the stored operands, against the same computed
/// from the float32 originals: sqrt(Σ (y' − y)² / Σ y²). Only the storage differs between the two,
/// so the figure is the codec's alone, not the arithmetic's.
/// </summary>
public static class DenseLayerError
{
    /// <summary>
    /// The relative RMS error when <paramref name="operands"/> go through <paramref name="codec"/>:
    /// weights as (outputs, inputs) or transposed (<paramref name="blocking"/>), inputs as (batch, inputs),
    /// bias as (1, outputs) so a per-channel method uses one scale for it. A layer without bias ignores <see cref="DenseOperand.Bias"/>.
    /// </summary>
    public static double RelativeRms(DenseLayer layer, float[] inputs, int batch, StudyCodec codec, DenseOperand operands, WeightBlocking blocking = WeightBlocking.AlongInputs)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(codec);
        var linear = layer with { Activation = DenseActivation.None };
        var stored = linear;
        if (operands.HasFlag(DenseOperand.Weights))
            stored = stored with { Weights = StoreWeights(layer, codec, blocking) };
        if (operands.HasFlag(DenseOperand.Bias) && layer.Bias is { } bias)
            stored = stored with { Bias = codec.RoundTrip(bias, [1, bias.Length]) };
        var storedInputs = operands.HasFlag(DenseOperand.Inputs) ? codec.RoundTrip(inputs, [batch, layer.Inputs]) : inputs;
        return RelativeRms(DenseReference.ComputeExact(linear, inputs, batch), DenseReference.ComputeExact(stored, storedInputs, batch));
    }

    /// <summary>sqrt(Σ (approximate − exact)² / Σ exact²); 0 when both are all zero.</summary>
    public static double RelativeRms(ReadOnlySpan<double> exact, ReadOnlySpan<double> approximate)
    {
        if (exact.Length != approximate.Length)
            throw new ArgumentException($"{approximate.Length} results against {exact.Length} exact ones");
        double error = 0, norm = 0;
        for (int i = 0; i < exact.Length; i++)
        {
            double d = approximate[i] - exact[i];
            error += d * d;
            norm += exact[i] * exact[i];
        }
        return error == 0 ? 0 : Math.Sqrt(error / norm);
    }

    /// <summary>The weights after the codec, in the layer's (outputs, inputs) order whatever the blocking.</summary>
    public static float[] StoreWeights(DenseLayer layer, StudyCodec codec, WeightBlocking blocking)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(codec);
        if (blocking == WeightBlocking.AlongInputs)
            return codec.RoundTrip(layer.Weights, [layer.Outputs, layer.Inputs]);
        var back = codec.RoundTrip(Transpose(layer.Weights, layer.Outputs, layer.Inputs), [layer.Inputs, layer.Outputs]);
        return Transpose(back, layer.Inputs, layer.Outputs);
    }

    /// <summary>The transpose of a rows × columns matrix (row-major).</summary>
    public static float[] Transpose(float[] matrix, int rows, int columns)
    {
        var result = new float[matrix.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
                result[c * rows + r] = matrix[r * columns + c];
        }
        return result;
    }
}
