namespace Zfpe.Reference.Dense;

/// <summary>
/// One dense layer: <c>y = activation(W · x + bias)</c>, with <paramref name="Weights"/> of shape
/// (outputs, inputs) in row-major order, an optional <paramref name="Bias"/> of length outputs.
/// </summary>
public sealed record DenseLayer(int Outputs, int Inputs, float[] Weights, float[]? Bias, DenseActivation Activation)
{
    public void Validate()
    {
        if (Outputs < 1) throw new ArgumentOutOfRangeException(nameof(Outputs), Outputs, $"a layer needs at least one output, not {Outputs}");
        if (Inputs < 1) throw new ArgumentOutOfRangeException(nameof(Inputs), Inputs, $"a layer needs at least one input, not {Inputs}");
        ArgumentNullException.ThrowIfNull(Weights);
        if (Weights.Length != (long)Outputs * Inputs)
            throw new ArgumentException($"the weights hold {Weights.Length} values, but a layer of {Outputs} outputs × {Inputs} inputs needs {(long)Outputs * Inputs}");
        if (Bias is not null && Bias.Length != Outputs)
            throw new ArgumentException($"the bias holds {Bias.Length} values, but the layer has {Outputs} outputs");
    }

    public float Weight(int output, int input) => Weights[(long)output * Inputs + input];

    public float BiasOf(int output) => Bias?[output] ?? 0f;
}
