using Zfpe.Reference.Datasets;
using Zfpe.Reference.Training;

namespace Zfpe.Reference.Tests.Training;

public class MlpTrainerTests
{
    private static readonly MlpTrainingParameters Small = new([16], Epochs: 2);

    private static byte[] Bytes(Mlp mlp) =>
        mlp.Layers.SelectMany(l => l.Weights.Concat(l.Bias!)).SelectMany(BitConverter.GetBytes).ToArray();

    [Fact]
    public void The_split_is_fixed_disjoint_and_holds_a_fifth_of_the_images_out()
    {
        var digits = ReferenceDatasets.DigitsWithLabels();
        Assert.Equal(1797, digits.Count);
        var (train, test) = digits.Split();
        var (train2, test2) = digits.Split();
        Assert.Equal(1438, train.Count);
        Assert.Equal(359, test.Count);
        Assert.Equal(test.Pixels, test2.Pixels);
        Assert.Equal(train.Labels, train2.Labels);
        // Every image lands on exactly one side: the label counts add up to the whole set's.
        for (int c = 0; c < DigitsSet.Classes; c++)
            Assert.Equal(digits.Labels.Count(l => l == c), train.Labels.Count(l => l == c) + test.Labels.Count(l => l == c));
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed_and_changes_with_it()
    {
        var (train, _) = ReferenceDatasets.DigitsWithLabels().Split();
        var first = Bytes(MlpTrainer.Train(train, Small));
        var again = Bytes(MlpTrainer.Train(train, Small));
        var other = Bytes(MlpTrainer.Train(train, Small with { Seed = 2 }));
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void The_default_network_classifies_at_least_95_percent_of_the_test_digits()
    {
        var training = MlpTraining.Default;
        Assert.Equal([64, 64, 64, 10], training.Mlp.Layers.Select(l => l.Inputs).Append(training.Mlp.Outputs));
        Assert.True(training.TestAccuracy >= 0.95, $"test accuracy {training.TestAccuracy:P2}");
        var stacked = training.StackedWeights();
        Assert.Equal([138L, 64L], stacked.Shape);
    }

    [Theory]
    [InlineData(new[] { 0 }, 30, 0.003, "--hidden width 0 is out of range: allowed 1..1024")]
    [InlineData(new[] { 8, 8, 8, 8, 8 }, 30, 0.003, "--hidden has 5 widths: allowed 1..4")]
    [InlineData(new[] { 8 }, 0, 0.003, "--epochs 0 is out of range: allowed 1..1000")]
    [InlineData(new[] { 8 }, 30, 0.0, "--learning-rate 0 is out of range: allowed greater than 0, at most 1")]
    public void Bad_parameters_are_refused_naming_the_parameter_value_and_range(int[] hidden, int epochs, double rate, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new MlpTrainingParameters(hidden, epochs, LearningRate: rate).Validate());
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Hidden_widths_parse_from_a_comma_separated_list_and_garbage_is_refused()
    {
        Assert.Equal([128, 64], MlpTrainingParameters.ParseHidden("128, 64"));
        var e = Assert.Throws<ArgumentException>(() => MlpTrainingParameters.ParseHidden("64,x"));
        Assert.Contains("'x' is not a width", e.Message);
    }
}
