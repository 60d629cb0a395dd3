namespace Zfpe.Hdl.Lib.Tests;

/// <summary>The register stage: beats intact at full throughput; with a registered ready, no combinational path back.</summary>
public class StreamStageTests
{
    /// <summary>Flips the output's ready after settling: the input's ready must not follow.</summary>
    private sealed class RegisteredReadyChecker<T>(StreamStage<T> stage) : ICycleAgent where T : class, IHdlData
    {
        public void Drive(Simulation simulation)
        {
        }

        public void Sample(Simulation s)
        {
            var ready = s.PeekBool(stage.Input.Ready);
            var outReady = s.PeekBool(stage.Output.Ready);
            s.Poke(stage.Output.Ready, !outReady);
            s.Eval();
            if (s.PeekBool(stage.Input.Ready) != ready) throw s.Failure("the input's ready changed combinationally with the output's ready");
            s.Poke(stage.Output.Ready, outReady);
            s.Eval();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Stage_passes_fragments_intact_under_random_stalls(bool registeredReady)
    {
        var stage = new StreamStage<Sample>(Sample.Shape, withLast: true, registeredReady);
        using var sim = LintCleanSimulation.Create(stage);
        var bench = new StreamBench(sim, seed: registeredReady ? 1 : 2);
        var input = bench.Source<ulong>(sim.Stream(stage.Input), StallProfile.Stepping(1700));
        var output = bench.Sink<ulong>(sim.Stream(stage.Output), StallProfile.Stepping(2100, 3));
        input.Packets = r => Enumerable.Range(0, r.Next(1, 9)).Select(_ => (ulong)r.Next(1 << 16)).ToList();
        bench.Model(input, output, (v, last) => [(v, last)]);
        if (registeredReady) bench.Check(new RegisteredReadyChecker<Sample>(stage));
        Cosim.AssertLongEnough(bench.Run(Cosim.MinimumCycles));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Stage_sustains_one_beat_per_cycle_with_one_cycle_of_latency(bool registeredReady)
    {
        var stage = new StreamStage<UInt>(Shape.UInt(8), registeredReady: registeredReady);
        using var sim = Simulation.Create(VerilogEmitter.Emit(stage));
        Assert.Equal(1001, Cosim.CyclesForThousandUnstalledBeats(sim, sim.Stream(stage.Input), sim.Stream(stage.Output)));
    }
}
