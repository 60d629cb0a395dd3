using Zfpe.Cores.Codec;
using Zfpe.Cores.Tests.Support;

namespace Zfpe.Cores.Tests;

public class CompressorTests
{
    [Fact]
    public void Compressor_matches_the_reference_block_by_block_and_stage_by_stage_under_random_stalls()
    {
        var config = CoreSimulations.Default;
        using var sim = CoreSimulations.Compressor(config, nameof(Compressor_matches_the_reference_block_by_block_and_stage_by_stage_under_random_stalls));
        var values = TestValues.Mixed(20_000, seed: 1);
        var bench = new CompressorBench(sim, config, values, StallProfile.Random, seed: 2);
        bench.Run();
        Assert.Equal(bench.Blocks, bench.BlocksChecked);
        Assert.Equal(bench.Blocks, bench.FixedPointChecked);
        Assert.Equal(bench.Blocks, bench.LiftedChecked);
        Assert.Equal(bench.Blocks, bench.NegabinaryChecked);
    }
}
