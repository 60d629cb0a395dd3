using Zfpe.Reference.Datasets;

namespace Zfpe.Reference.Tests;

/// <summary>The data sets' generator: the published SplitMix64 sequence, and Gaussians with the right moments.</summary>
public class SplitMix64Tests
{
    [Fact]
    public void Seed_zero_gives_the_published_first_outputs()
    {
        // The reference implementation (Vigna, splitmix64.c) from state 0.
        var random = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, random.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.Next());
        Assert.Equal(0x06C45D188009454FUL, random.Next());
    }

    [Fact]
    public void Gaussians_have_mean_zero_and_unit_variance_and_the_weight_like_data_is_deterministic()
    {
        var random = new SplitMix64(7);
        var samples = Enumerable.Range(0, 200_000).Select(_ => random.NextGaussian()).ToArray();
        var mean = samples.Average();
        var variance = samples.Select(x => (x - mean) * (x - mean)).Average();
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);
        Assert.Equal(ReferenceDatasets.WeightLike(10_000, 3), ReferenceDatasets.WeightLike(10_000, 3));
        Assert.NotEqual(ReferenceDatasets.WeightLike(100, 3), ReferenceDatasets.WeightLike(100, 4));
    }
}
