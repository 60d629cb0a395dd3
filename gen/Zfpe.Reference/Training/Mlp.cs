using Zfpe.Reference.Dense;

namespace Zfpe.Reference.Training;

/// <summary>
/// A multilayer perceptron as <c>zfpe run</c> takes it: dense layers applied in order, each with
/// float32 weights of shape (outputs, inputs), a bias and ReLU, the last one without activation
/// (its outputs are the class scores).
/// </summary>
public sealed class Mlp
{
    public Mlp(IReadOnlyList<DenseLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
            throw new ArgumentException("an MLP needs at least one layer");
        for (int l = 0; l < layers.Count; l++)
        {
            layers[l].Validate();
            if (l > 0 && layers[l].Inputs != layers[l - 1].Outputs)
                throw new ArgumentException($"layer {l + 1} has {layers[l].Inputs} inputs, but layer {l} has {layers[l - 1].Outputs} outputs");
        }
        Layers = layers;
    }

    public IReadOnlyList<DenseLayer> Layers { get; }

    public int Inputs => Layers[0].Inputs;

    public int Outputs => Layers[^1].Outputs;

    /// <summary>
    /// The outputs for <paramref name="batch"/> rows of inputs: each layer in float64
    /// (<see cref="DenseReference.ComputeExact"/>), rounded to float32 between layers.
    /// <paramref name="activations"/>, when given, transforms every layer's input batch (shape batch × inputs)
    /// before the layer sees it: a codec applied to the activations as the accelerator stores them.
    /// </summary>
    public float[] Forward(float[] inputs, int batch, Func<float[], long[], float[]>? activations = null)
    {
        var x = inputs;
        foreach (var layer in Layers)
        {
            if (activations is not null)
                x = activations(x, [batch, layer.Inputs]);
            x = Array.ConvertAll(DenseReference.ComputeExact(layer, x, batch), v => (float)v);
        }
        return x;
    }

    /// <summary>The fraction of rows whose largest output is at the label's index (ties: the lower index).</summary>
    public double Accuracy(float[] inputs, int[] labels, Func<float[], long[], float[]>? activations = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var scores = Forward(inputs, labels.Length, activations);
        int correct = 0;
        for (int b = 0; b < labels.Length; b++)
        {
            var row = scores.AsSpan(b * Outputs, Outputs);
            int best = 0;
            for (int k = 1; k < row.Length; k++)
            {
                if (row[k] > row[best]) best = k;
            }
            if (best == labels[b]) correct++;
        }
        return (double)correct / labels.Length;
    }

    /// <summary>The same network with every weight matrix replaced by <paramref name="weights"/>(W, shape (outputs, inputs)); biases kept.</summary>
    public Mlp MapWeights(Func<float[], long[], float[]> weights) =>
        new(Layers.Select(l => l with { Weights = weights(l.Weights, [l.Outputs, l.Inputs]) }).ToList());
}
