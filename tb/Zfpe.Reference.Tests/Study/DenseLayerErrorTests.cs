using Zfpe.Reference.Datasets;
using Zfpe.Reference.Dense;
using Zfpe.Reference.Study;

namespace Zfpe.Reference.Tests.Study;

public class DenseLayerErrorTests
{
    private static (DenseLayer Layer, float[] Inputs) Problem(bool bias)
    {
        var random = new SplitMix64(5);
        float[] Values(int n) => Enumerable.Range(0, n).Select(_ => (float)random.NextGaussian()).ToArray();
        return (new DenseLayer(6, 8, Values(48), bias ? Values(6) : null, DenseActivation.Relu), Values(3 * 8));
    }

    /// <summary>Scales every value by 1 + 2^-7, rounded to float32 (so the answers hold to a tolerance).</summary>
    private static readonly StudyCodec Scale = new("scale", (values, _) => Array.ConvertAll(values, v => (float)(v * (1 + 1.0 / 128))));

    [Theory]
    [InlineData(DenseOperand.Weights)]
    [InlineData(DenseOperand.Inputs)]
    [InlineData(DenseOperand.Bias)]
    [InlineData(DenseOperand.All)]
    public void Storing_with_float32_changes_nothing(DenseOperand operands)
    {
        var (layer, x) = Problem(bias: true);
        Assert.Equal(0, DenseLayerError.RelativeRms(layer, x, 3, StudyCodec.Float32, operands));
        Assert.Equal(0, DenseLayerError.RelativeRms(layer, x, 3, StudyCodec.Float32, operands, WeightBlocking.AlongOutputs));
    }

    [Fact]
    public void A_codec_that_scales_by_1_plus_eps_gives_eps_per_scaled_factor_of_a_layer_without_bias()
    {
        // y = W·x: scaling W or x scales y by 1 + ε, both by (1 + ε)²; the ReLU is left out of the measure.
        var (layer, x) = Problem(bias: false);
        const double eps = 1.0 / 128;
        Assert.Equal(eps, DenseLayerError.RelativeRms(layer, x, 3, Scale, DenseOperand.Weights), 1e-6);
        Assert.Equal(eps, DenseLayerError.RelativeRms(layer, x, 3, Scale, DenseOperand.Inputs), 1e-6);
        Assert.Equal(0, DenseLayerError.RelativeRms(layer, x, 3, Scale, DenseOperand.Bias));
        Assert.Equal((1 + eps) * (1 + eps) - 1, DenseLayerError.RelativeRms(layer, x, 3, Scale, DenseOperand.All), 1e-6);
    }

    [Fact]
    public void Blocking_along_the_outputs_hands_the_codec_the_transpose_and_returns_the_layers_order()
    {
        var (layer, _) = Problem(bias: false);
        long[]? seen = null;
        float[]? given = null;
        var spy = new StudyCodec("spy", (values, shape) =>
        {
            seen = shape;
            given = values;
            return Array.ConvertAll(values, v => v + 1);
        });
        var stored = DenseLayerError.StoreWeights(layer, spy, WeightBlocking.AlongOutputs);
        Assert.Equal([8L, 6L], seen!);
        Assert.Equal(layer.Weight(2, 5), given![5 * 6 + 2]);
        Assert.Equal(Array.ConvertAll(layer.Weights, v => v + 1), stored);
        DenseLayerError.StoreWeights(layer, spy, WeightBlocking.AlongInputs);
        Assert.Equal([6L, 8L], seen!);
        Assert.Equal(layer.Weights, given!);
    }

    [Fact]
    public void The_relative_rms_is_the_norm_of_the_difference_over_the_norm_of_the_exact_result()
    {
        Assert.Equal(0.5, DenseLayerError.RelativeRms([3.0, 4.0], [3.0 + 1.5, 4.0 + 2.0]), 12);
        Assert.Equal(0, DenseLayerError.RelativeRms([0.0], [0.0]));
        Assert.Throws<ArgumentException>(() => DenseLayerError.RelativeRms([1.0], [1.0, 2.0]));
    }
}
