using Xunit.Abstractions;

namespace Zfpe.Sim.Tests;

public sealed class ModelCacheTests(ITestOutputHelper output)
{
    [Fact]
    public void A_second_request_for_a_design_is_a_hit_that_compiles_nothing()
    {
        var design = Designs.Counter();
        var first = ModelCache.Default.GetOrBuild(design, NoWaves);
        Assert.Same(first, ModelCache.Default.GetOrBuild(design, NoWaves));

        // A fresh cache object over the same directory is what the next test run sees.
        var nextRun = new ModelCache(ModelCache.Default.Directory);
        var again = nextRun.GetOrBuild(Designs.Counter(), NoWaves);
        Assert.False(again.WasBuilt);
        Assert.Equal(first.Key, again.Key);
        var statistics = nextRun.Statistics;
        Assert.Equal((1, 1, 0), (statistics.Requests, statistics.DiskHits, statistics.Builds));
        Assert.Equal(again.Manifest.BuildSeconds, statistics.SecondsSavedByHits, precision: 5);
        Assert.True(again.Manifest.BuildSeconds > 0, "the entry records how long its build took");
        output.WriteLine($"a hit saves {again.Manifest.BuildSeconds:0.0} s: {nextRun.Statistics}");
    }

    [Fact]
    public void A_changed_design_has_another_key_and_is_not_in_the_cache()
    {
        var changed = Designs.CounterVariant($"changed {Guid.NewGuid()}");
        Assert.NotEqual(ModelCache.Default.KeyFor(Designs.Counter(), NoWaves), ModelCache.Default.KeyFor(changed, NoWaves));
        Assert.False(ModelCache.Default.Contains(changed, NoWaves));
        var otherFlags = NoWaves with { ExtraVerilatorFlags = ["-Wall"] };
        Assert.NotEqual(ModelCache.Default.KeyFor(Designs.Counter(), NoWaves), ModelCache.Default.KeyFor(Designs.Counter(), otherFlags));
    }

    [Fact]
    public async Task Parallel_requests_for_a_new_design_build_it_once_across_threads_and_processes()
    {
        // A fresh design text each run, so that it really is built; two cache objects stand in for
        // two test processes sharing the directory (their lock is the lock file).
        var design = Designs.CounterVariant($"parallel {Guid.NewGuid()}");
        var processA = new ModelCache(ModelCache.Default.Directory);
        var processB = new ModelCache(ModelCache.Default.Directory);
        var models = Enumerable.Range(0, 6)
            .Select(i => Task.Run(() => (i % 2 == 0 ? processA : processB).GetOrBuild(design, NoWaves)))
            .ToArray();
        var built = await Task.WhenAll(models);

        Assert.Equal(1, processA.Statistics.Builds + processB.Statistics.Builds);
        Assert.Equal(1, processA.Statistics.DiskHits + processB.Statistics.DiskHits);
        Assert.Single(built.Select(m => m.Key).Distinct());
        using var sim = built[5].Start();
        sim.Reset();
        sim.Poke("enable", true);
        sim.Step(3);
        Assert.Equal(3UL, sim.Peek("count"));
        output.WriteLine($"A: {processA.Statistics}; B: {processB.Statistics}");
    }

    [Fact]
    public void Two_different_models_run_side_by_side_in_one_process()
    {
        using var counter = Simulation.Create(Designs.Counter(), NoWaves);
        using var fifo = Simulation.Create(Designs.StreamFifo(), NoWaves);
        Assert.NotEqual(counter.Model.Manifest.Prefix, fifo.Model.Manifest.Prefix);
        counter.Reset();
        fifo.Reset();
        counter.Poke("enable", true);
        fifo.Poke("push_valid", true);
        fifo.Poke("push_payload", 0x3FUL);
        for (var i = 0; i < 3; i++)
        {
            counter.Step();
            fifo.Step();
        }
        Assert.Equal(3UL, counter.Peek("count"));
        Assert.Equal(3UL, fifo.Peek("occupancy"));
        Assert.Equal(new System.Numerics.BigInteger(0x3F), fifo.PeekBig("pop_payload"));
    }

    [Fact]
    public void The_cache_entry_keeps_the_sources_the_library_and_a_manifest()
    {
        var model = ModelCache.Default.GetOrBuild(Designs.Counter(), NoWaves);
        Assert.True(File.Exists(model.LibraryPath));
        Assert.True(File.Exists(Path.Combine(model.Directory, "src", "counter.v")));
        Assert.True(File.Exists(Path.Combine(model.Directory, "shim.cpp")));
        Assert.Equal("counter", model.Manifest.TopModule);
        Assert.Contains(model.Manifest.Ports, p => p is { Name: "sum", Width: 9, IsInput: false });
        Assert.StartsWith(ModelCache.Default.Directory, model.Directory);
    }

    [Fact]
    public void ZFPE_SIM_CACHE_moves_the_cache_and_the_default_is_under_the_repository()
    {
        Assert.Equal(Path.GetFullPath("/tmp/elsewhere"), RepositoryPaths.ModelCacheDirectory("/tmp/elsewhere"));
        var root = RepositoryPaths.RepositoryRoot;
        Assert.NotNull(root);
        Assert.True(File.Exists(Path.Combine(root, "Zfpe.Hdl.sln")));
        Assert.Equal(Path.Combine(root, ".cache", "verilator"), RepositoryPaths.ModelCacheDirectory(null));
    }
}
