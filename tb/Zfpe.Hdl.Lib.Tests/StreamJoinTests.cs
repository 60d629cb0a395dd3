namespace Zfpe.Hdl.Lib.Tests;

/// <summary>The join: the n-th output beat zips the n-th beat of every input.</summary>
public class StreamJoinTests
{
    [Theory]
    [InlineData(3, 10, true)]
    [InlineData(2, 8, false)]
    public void Join_zips_the_inputs_in_order_under_random_stalls(int inputs, int width, bool withLast)
    {
        var join = new StreamJoin<UInt>(Shape.UInt(width), inputs, withLast);
        using var sim = LintCleanSimulation.Create(join);
        var bench = new StreamBench(sim, seed: inputs);
        var output = bench.Sink<ulong>(sim.Stream(join.Output));
        var pending = Enumerable.Range(0, inputs).Select(_ => new Queue<(ulong Value, bool Last)>()).ToList();
        for (var i = 0; i < inputs; i++)
        {
            var input = bench.Source<ulong>(sim.Stream(join.Inputs[i]), StallProfile.Random(900 + 400 * i, 10 + i));
            input.Packets = r => Enumerable.Range(0, r.Next(1, 4)).Select(_ => (ulong)r.NextInt64(1L << width)).ToList();
            input.MayEndWithPending = true; // the inputs generate different amounts; the surplus of the longer ones stays
            var index = i;
            input.Generated += (v, last) =>
            {
                pending[index].Enqueue((v, last));
                // The reference: an output beat as soon as every input has one (input 0's last).
                while (pending.All(q => q.Count > 0))
                {
                    var beats = pending.Select(q => q.Dequeue()).ToList();
                    var zipped = beats.Select((b, k) => b.Value << (k * width)).Aggregate((a, b) => a | b);
                    output.Expect(zipped, withLast ? beats[0].Last : null);
                }
            };
        }
        Cosim.AssertLongEnough(bench.Run(Cosim.MinimumCycles));
    }
}
