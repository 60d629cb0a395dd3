namespace Zfpe.Hdl.Lib.Tests;

/// <summary>The shared stream bench catches what it is there to catch: a wrong, a missing and an extra beat.</summary>
public class StreamBenchTests
{
    private static (Simulation Sim, StreamBench Bench, StreamSource<ulong> Input, StreamSink<ulong> Output) Queue()
    {
        var queue = new StreamQueue<UInt>(Shape.UInt(8), 4, withLast: true);
        var sim = Simulation.Create(VerilogEmitter.Emit(queue));
        var bench = new StreamBench(sim, seed: 1);
        var input = bench.Source<ulong>(sim.Stream(queue.Push));
        var output = bench.Sink<ulong>(sim.Stream(queue.Pop));
        input.Packets = r => Enumerable.Range(0, r.Next(1, 4)).Select(_ => (ulong)r.Next(256)).ToList();
        return (sim, bench, input, output);
    }

    [Fact]
    public void Bench_fails_on_a_wrong_payload()
    {
        var (sim, bench, input, output) = Queue();
        using var _ = sim;
        var n = 0;
        bench.Model(input, output, (v, last) => [(++n == 5000 ? v ^ 1 : v, last)]);
        var e = Assert.Throws<ScoreboardMismatchException>(() => bench.Run(20_000));
        Assert.Equal(4999, e.Index);
    }

    [Fact]
    public void Bench_fails_on_a_wrong_last()
    {
        var (sim, bench, input, output) = Queue();
        using var _ = sim;
        var n = 0;
        bench.Model(input, output, (v, last) => [(v, ++n == 300 ? !last : last)]);
        Assert.Throws<ScoreboardMismatchException>(() => bench.Run(20_000));
    }

    [Fact]
    public void Bench_fails_on_a_beat_the_reference_does_not_expect()
    {
        var (sim, bench, input, output) = Queue();
        using var _ = sim;
        var n = 0;
        bench.Model(input, output, (v, last) => ++n == 100 ? [] : [(v, last)]);
        Assert.Throws<ScoreboardMismatchException>(() => bench.Run(20_000));
    }

    [Fact]
    public void Bench_fails_when_an_expected_beat_never_arrives()
    {
        var (sim, bench, input, output) = Queue();
        using var _ = sim;
        var added = false;
        bench.Model(input, output, (v, last) =>
        {
            if (added) return [(v, last)];
            added = true;
            return [(v, last), (v, last)];
        });
        // The duplicate shifts every later beat: the first comparison after it fails, unless the values agree; then the end fails.
        Assert.ThrowsAny<Exception>(() => bench.Run(20_000, maxCycles: 60_000));
    }

    [Fact]
    public void Stall_profiles_change_over_time_and_repeat_from_their_seed()
    {
        var stepping = StallProfile.Stepping(100);
        Assert.Equal([0.0, 0.25, 0.6, 0.95, 0.1, 0.8, 0.0], Enumerable.Range(0, 7).Select(i => stepping.At(i * 100 + 50)));
        var a = StallProfile.Random(100, 7);
        var b = StallProfile.Random(100, 7);
        var levels = Enumerable.Range(0, 200).Select(i => a.At(i * 100)).ToList();
        Assert.Equal(levels, Enumerable.Range(0, 200).Select(i => b.At(i * 100)));
        Assert.True(levels.Distinct().Count() == StallProfile.DefaultLevels.Count, "a random profile visits every level");
        Assert.Equal(1.0 - a.At(1234), a.ReadyAt(1234));
    }
}
