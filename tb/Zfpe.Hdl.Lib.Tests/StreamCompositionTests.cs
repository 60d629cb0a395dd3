namespace Zfpe.Hdl.Lib.Tests;

/// <summary>Stream parts composed: widen, a block-RAM queue of wide beats, a skid stage and narrow give back the original stream.</summary>
public class StreamCompositionTests
{
    /// <summary>The README's usage example.</summary>
    public sealed class PackedBuffer : Component
    {
        public readonly Stream<Sample> Input;
        public readonly Stream<Sample> Output;

        public PackedBuffer(int ratio, int depth)
        {
            Param("ratio", ratio, 4);
            Param("depth", depth, 64);
            Input = In.Stream(Sample.Shape, withLast: true);
            Output = Out.Stream(Sample.Shape, withLast: true);
            var wide = WideBeat<Sample>.Shape(Sample.Shape, ratio, withCount: true);

            var widen = Instance(new StreamWiden<Sample>(Sample.Shape, ratio, withLast: true), "widen");
            var queue = Instance(new StreamQueue<WideBeat<Sample>>(wide, depth, QueueStorage.BlockRam, withLast: true), "queue");
            var stage = Instance(new StreamStage<WideBeat<Sample>>(wide, withLast: true), "stage");
            var narrow = Instance(new StreamNarrow<Sample>(Sample.Shape, ratio, withLast: true), "narrow");
            widen.Input.ConnectFrom(Input);
            queue.Push.ConnectFrom(widen.Output);
            stage.Input.ConnectFrom(queue.Pop);
            narrow.Input.ConnectFrom(stage.Output);
            Output.ConnectFrom(narrow.Output);
        }
    }

    [Fact]
    public void Widen_queue_stage_narrow_gives_back_the_original_fragments()
    {
        var top = new PackedBuffer(3, 8);
        using var sim = LintCleanSimulation.Create(top);
        var bench = new StreamBench(sim, seed: 3);
        var input = bench.Source<ulong>(sim.Stream(top.Input), StallProfile.Stepping(1100));
        var output = bench.Sink<ulong>(sim.Stream(top.Output), StallProfile.Random(1900, 5));
        input.Packets = r => Enumerable.Range(0, r.Next(1, 11)).Select(_ => (ulong)r.Next(1 << 16)).ToList();
        bench.Model(input, output, (v, last) => [(v, last)]);
        Cosim.AssertLongEnough(bench.Run(Cosim.MinimumCycles));
    }
}
