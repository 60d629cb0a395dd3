using Zfpe.Reference.Datasets;
using Zfpe.Reference.Dense;
using Zfpe.Reference.Training;

namespace Zfpe.Reference.Study;

/// <summary>A dense layer and a batch of its inputs (batch × layer inputs), as the study measures it.</summary>
public sealed record DenseCase(string Name, string Description, DenseLayer Layer, float[] Inputs, int Batch)
{
    /// <summary>
    /// The study's layers: the trained MLP's first layer on the digits test images, its second layer
    /// on the first layer's ReLU outputs for them, and the NN-like data (its 64 × 256 weights on its
    /// 64 rows of 256 ReLU activations; it has no bias).
    /// </summary>
    public static IReadOnlyList<DenseCase> All(MlpTraining training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var test = training.Test;
        var first = training.Mlp.Layers[0];
        var cases = new List<DenseCase>
        {
            new("mlp-layer1", $"trained MLP layer 1 ({first.Outputs}×{first.Inputs}, bias) on the {test.Count} digits test images", first, test.Pixels, test.Count),
        };
        if (training.Mlp.Layers.Count > 2)
        {
            var second = training.Mlp.Layers[1];
            var hidden = Array.ConvertAll(DenseReference.ComputeExact(first, test.Pixels, test.Count), v => (float)v);
            cases.Add(new("mlp-layer2", $"trained MLP layer 2 ({second.Outputs}×{second.Inputs}, bias) on layer 1's ReLU outputs for the test images", second, hidden, test.Count));
        }
        var nn = ReferenceDatasets.NeuralNetworkTensors();
        int rows = ReferenceDatasets.Rows, columns = ReferenceDatasets.Columns;
        var layer = new DenseLayer(rows, columns, nn[..(rows * columns)], null, DenseActivation.None);
        cases.Add(new("nn", $"NN-like data: its {rows}×{columns} weights on its {rows} rows of {columns} ReLU activations (no bias)", layer, nn[(rows * columns)..], rows));
        return cases;
    }
}
