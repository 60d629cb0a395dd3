using System.Numerics;

namespace Zfpe.Sim.Tests;

public sealed class StreamTests
{
    /// <summary>On the FIFO fixture: a driver on push, an in-order scoreboard on pop, and pop always ready.</summary>
    private static (StreamDriver<ulong> Driver, ScoreboardInOrder<ulong> Scoreboard) DriveWithPopAlwaysReady(Simulation sim, int seed)
    {
        var driver = new StreamDriver<ulong>(sim.Stream("push"), seed);
        var scoreboard = new ScoreboardInOrder<ulong>(new StreamMonitor<ulong>(sim.Stream("pop")));
        sim.Poke("pop_ready", true);
        return (driver, scoreboard);
    }

    [Theory]
    [InlineData(1, 0.0, 1.0)]
    [InlineData(2, 0.5, 0.5)]
    [InlineData(3, 0.1, 0.9)]
    [InlineData(4, 0.8, 0.2)]
    public void Fifo_delivers_every_beat_in_order_under_random_stalls(int seed, double idle, double ready)
    {
        using var sim = ResetWithoutWaves(Designs.StreamFifo(), cycles: 2);
        var random = new Random(seed);
        var values = Enumerable.Range(0, 5000).Select(_ => (BigInteger)random.NextInt64() << 6 | random.Next(64)).ToList();

        var driver = new StreamDriver<BigInteger>(sim.Stream("push"), seed) { IdleProbability = idle };
        var backpressure = new StreamReadyRandomizer(sim.Stream("pop"), seed + 100) { ReadyProbability = ready };
        var scoreboard = new ScoreboardInOrder<BigInteger>(new StreamMonitor<BigInteger>(sim.Stream("pop"), collect: false));
        driver.Enqueue(values);
        scoreboard.Expect(values);

        sim.RunUntil(() => scoreboard.IsDone, maxCycles: 200_000);
        Assert.Equal(values.Count, scoreboard.Matched);
        Assert.Equal(values.Count, driver.Sent);
        Assert.True(driver.IsDone);
        Assert.Same(backpressure, sim.Agents[1]);
    }

    [Fact]
    public void Ready_probability_may_change_over_time()
    {
        using var sim = ResetWithoutWaves(Designs.StreamFifo());
        var driver = new StreamDriver<ulong>(sim.Stream("push"), seed: 1);
        var backpressure = new StreamReadyRandomizer(sim.Stream("pop"), seed: 2) { Schedule = cycle => cycle < 1000 ? 0.0 : 1.0 };
        var monitor = new StreamMonitor<ulong>(sim.Stream("pop"));
        driver.Enqueue(Enumerable.Range(1, 100).Select(i => (ulong)i));

        sim.Step(999);
        Assert.Equal(0, monitor.Count);
        Assert.Equal(4UL, sim.Peek("occupancy"));
        sim.RunUntil(() => monitor.Count == 100, maxCycles: 500);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (ulong)i), monitor.Payloads);
        Assert.All(monitor.Beats, b => Assert.True(b.Cycle >= 1000));
        backpressure.ReadyProbability = 0.25;
        Assert.Throws<ArgumentOutOfRangeException>(() => backpressure.ReadyProbability = 1.5);
    }

    [Fact]
    public void The_driver_holds_valid_and_payload_until_the_design_takes_the_beat()
    {
        using var sim = ResetWithoutWaves(Designs.StreamFifo());
        sim.Poke("pop_ready", false);
        var driver = new StreamDriver<ulong>(sim.Stream("push"), seed: 3) { IdleProbability = 0.3 };
        var accepted = new StreamMonitor<ulong>(sim.Stream("push"));
        driver.Enqueue([10, 11, 12, 13, 14, 15]);
        sim.RunUntil(() => accepted.Count == 4, maxCycles: 100);
        sim.Step(20);
        // The FIFO is full: the fifth beat waits on the port.
        Assert.True(sim.PeekBool("push_valid"));
        Assert.Equal(new BigInteger(14), sim.PeekBig("push_payload"));
        Assert.Equal(4, accepted.Count);
        Assert.Equal(2, driver.Pending);
        sim.Poke("pop_ready", true);
        sim.RunUntil(() => driver.IsDone, maxCycles: 100);
        Assert.Equal(new ulong[] { 10, 11, 12, 13, 14, 15 }, accepted.Payloads);
    }

    [Fact]
    public void Packets_keep_their_last_flag_through_the_fifo()
    {
        using var sim = ResetWithoutWaves(Designs.StreamFifo());
        var driver = new StreamDriver<ulong>(sim.Stream("push"), seed: 5) { IdleProbability = 0.4 };
        _ = new StreamReadyRandomizer(sim.Stream("pop"), seed: 6) { ReadyProbability = 0.6 };
        var monitor = new StreamMonitor<ulong>(sim.Stream("pop"));
        var scoreboard = new ScoreboardInOrder<ulong>(monitor);
        for (var packet = 0; packet < 20; packet++)
        {
            var beats = Enumerable.Range(0, 1 + packet % 5).Select(i => (ulong)(packet * 100 + i)).ToList();
            driver.EnqueuePacket(beats);
            scoreboard.ExpectPacket(beats);
        }
        sim.RunUntil(() => scoreboard.IsDone, maxCycles: 10_000);
        Assert.Equal(20, monitor.Beats.Count(b => b.Last));
        scoreboard.AssertDone();
    }

    [Fact]
    public void A_payload_mismatch_names_the_cycle_the_signal_expected_actual_and_the_waves()
    {
        using var sim = ResetWithoutWaves(Designs.StreamFifo());
        var (driver, scoreboard) = DriveWithPopAlwaysReady(sim, seed: 7);
        driver.Enqueue([1, 2, 3, 4, 5]);
        scoreboard.Expect([1, 2, 99, 4, 5]);

        var e = Assert.Throws<ScoreboardMismatchException>(() => sim.RunUntil(() => scoreboard.IsDone, maxCycles: 100));
        Assert.Equal("pop_payload", e.Signal);
        Assert.Equal(2, e.Index);
        Assert.Equal("0x63 (99)", e.Expected);
        Assert.Equal("3", e.Actual);
        Assert.Equal(sim.Cycle, e.Cycle);
        TextAssert.ContainsAll(e.Message,
            $"scoreboard mismatch on pop_payload at cycle {e.Cycle} (wave time {10 * e.Cycle}), value #2",
            "expected 0x63 (99), actual 3");
        Assert.Contains(sim.PlannedWavePath, e.Message);
    }

    [Fact]
    public void A_wrong_last_flag_is_reported_on_the_last_signal()
    {
        using var sim = ResetWithoutWaves(Designs.StreamFifo());
        var (driver, scoreboard) = DriveWithPopAlwaysReady(sim, seed: 8);
        driver.EnqueuePacket([1, 2, 3]);
        scoreboard.Expect(1, last: false);
        scoreboard.Expect(2, last: false);
        scoreboard.Expect(3, last: false);
        var e = Assert.Throws<ScoreboardMismatchException>(() => sim.RunUntil(() => scoreboard.IsDone, maxCycles: 100));
        Assert.Equal("pop_last", e.Signal);
        Assert.Equal(("0", "1", 2L), (e.Expected, e.Actual, e.Index));
    }

    [Fact]
    public void A_beat_nobody_expected_is_a_mismatch()
    {
        using var sim = ResetWithoutWaves(Designs.StreamFifo());
        var (driver, scoreboard) = DriveWithPopAlwaysReady(sim, seed: 9);
        driver.Enqueue([1, 2]);
        scoreboard.Expect(1);
        var e = Assert.Throws<ScoreboardMismatchException>(() => sim.Step(20));
        Assert.StartsWith("nothing more", e.Expected);
        Assert.Equal("2", e.Actual);
    }

    [Fact]
    public void Missing_values_fail_AssertDone_with_the_next_expected_value()
    {
        using var sim = ResetWithoutWaves(Designs.StreamFifo());
        var scoreboard = new ScoreboardInOrder<ulong>(new StreamMonitor<ulong>(sim.Stream("pop")));
        scoreboard.Expect([7, 8]);
        sim.Step(10);
        var e = Assert.Throws<SimulationException>(scoreboard.AssertDone);
        Assert.Contains("2 expected values never arrived after 0 matched; the next expected is 7", e.Message);
    }

    [Fact]
    public void The_per_cycle_path_allocates_nothing()
    {
        using var sim = ResetWithoutWaves(Designs.StreamFifo());
        var driver = new StreamDriver<ulong>(sim.Stream("push"), seed: 10) { IdleProbability = 0.2 };
        _ = new StreamReadyRandomizer(sim.Stream("pop"), seed: 11) { Schedule = c => (c / 100) % 2 == 0 ? 0.3 : 0.9 };
        var scoreboard = new ScoreboardInOrder<ulong>(new StreamMonitor<ulong>(sim.Stream("pop"), collect: false));
        var values = Enumerable.Range(0, 30_000).Select(i => (ulong)i * 2654435761UL % (1UL << 63)).ToList();
        driver.Enqueue(values);
        scoreboard.Expect(values);
        Func<bool> done = () => scoreboard.IsDone;

        sim.Step(2_000); // warm up: the JIT compiles the path first
        var before = GC.GetAllocatedBytesForCurrentThread();
        sim.Step(20_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        sim.RunUntil(done, maxCycles: 100_000);
    }

    [Fact]
    public void Stream_lookup_explains_what_is_missing_or_pointing_the_wrong_way()
    {
        using var sim = Simulation.Create(Designs.StreamFifo(), NoWaves);
        var missing = Assert.Throws<ArgumentException>(() => sim.Stream("out"));
        TextAssert.ContainsAll(missing.Message,
            "missing out_valid, out_ready, out_payload",
            "Streams it has: push, pop");
        var wrongWay = Assert.Throws<ArgumentException>(() => new StreamDriver<ulong>(sim.Stream("pop"), seed: 1));
        Assert.Contains("needs an input stream, but 'pop' is an output", wrongWay.Message);
        Assert.Throws<ArgumentException>(() => new StreamReadyRandomizer(sim.Stream("push"), seed: 1));
    }

    [Fact]
    public void Payloads_that_do_not_fit_the_port_are_refused_when_driven()
    {
        using var sim = ResetWithoutWaves(Designs.StreamFifo());
        var driver = new StreamDriver<BigInteger>(sim.Stream("push"), seed: 1);
        driver.Enqueue(BigInteger.One << 70);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => sim.Step());
        Assert.Contains("does not fit port 'push_payload' (70 bits, unsigned", e.Message);
    }
}
