using System.Globalization;
using Xunit.Abstractions;
using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Sdram;
using Zfpe.Hdl.Lib.Streams;
using Zfpe.Sim;
using Zfpe.Sim.Sdram;
using Zfpe.TestSupport;

namespace Zfpe.Hdl.Lib.Tests.Sdram;

/// <summary>
/// The Verilated <see cref="MemorySystem"/> (<see cref="BurstArbiter"/> + <see cref="SdramController"/>)
/// on the chip model's pins, every port driven and scoreboarded by <see cref="MemoryPortAgent"/>
/// against a shadow memory: no datasheet rule broken, no word lost, duplicated, reordered or
/// corrupted, no run interleaved with another port's, every waiting port granted within ports − 1 runs.
/// </summary>
public sealed class MemorySystemTests(ITestOutputHelper output)
{
    private static (Simulation Sim, MemorySystem Top, SdramModel Chip, MemoryPortAgent Ports) Start(MemorySystemConfig config, int seed, bool lint = false)
    {
        var top = new MemorySystem(config);
        var design = Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(top));
        if (lint) VerilogTools.AssertLintClean(design);
        var sim = Simulation.Create(design, new SimOptions { Name = $"memory_system_{seed}" });
        var chip = new SdramModel(config.Controller.Timing);
        _ = new SdramAgent(sim, chip);
        var ports = new MemoryPortAgent(sim, top.Requests.Select(sim.Stream).ToList(), top.Responses.Select(sim.Stream).ToList(), sim.Port(top.Waiting),
            config.Arbiter.AddressBits, config.Arbiter.LengthBits, seed);
        sim.Reset(2);
        return (sim, top, chip, ports);
    }

    /// <summary>Half writes; mostly short runs, some up to <c>run</c>; in a few hot rows (shared by the ports: reads see other ports' writes) or anywhere.</summary>
    private static MemoryRun RandomRun(Random r, MemorySystemConfig c)
    {
        var words = Math.Min(c.Run, r.Next(10) switch { < 6 => r.Next(1, 5), < 9 => r.Next(5, 17), _ => r.Next(1, c.Run + 1) });
        var address = r.Next(4) < 3 ? r.Next(3) * 977 * 2048 + r.Next(4 * 512) : r.Next(1 << c.Arbiter.AddressBits);
        if (r.Next(2) == 0) return MemoryRun.Read(address, words);
        var data = Enumerable.Range(0, words).Select(_ => (ushort)r.Next(1 << 16)).ToArray();
        var enables = Enumerable.Range(0, words).Select(_ => r.Next(8) switch { 0 => 1, 1 => 2, 2 => 0, _ => 3 }).ToArray();
        return new MemoryRun(true, address, words, data, enables);
    }

    /// <summary>Runs <paramref name="requests"/> random runs spread over the ports under time-varying idle requests and response backpressure.</summary>
    private MemoryPortAgent RunRandomTraffic(MemorySystemConfig config, int requests, int seed, bool lint = false)
    {
        var (sim, _, chip, ports) = Start(config, seed, lint);
        using var _ = sim;
        ports.IdleProbability = (p, c) => ((c + 1700 * p) / 3000 % 4) switch { 0 => 0.0, 1 => 0.3, 2 => 0.05, _ => 0.8 };
        ports.ReadyProbability = (p, c) => ((c + 1100 * p) / 2300 % 5) switch { 0 => 1.0, 1 => 0.5, 2 => 0.9, 3 => 0.05, _ => 0.97 };
        var r = new Random(seed + 6);
        long words = 0;
        for (var i = 0; i < requests; i++)
        {
            var run = RandomRun(r, config);
            var port = r.Next(config.Ports);
            ports.Enqueue(port, run);
            words += run.Words;
            while (ports.Queued(port) > 64) sim.Step();
        }
        sim.RunUntil(() => ports.Done, maxCycles: 2_000_000, "every read word returned");
        sim.Step(20);
        output.WriteLine($"ports {config.Ports}, run {config.Run}, {config.Policy}, response-depth {config.ResponseDepth}: {requests} requests, {words} words ({ports.WordsRead.Sum()} read) in {sim.Cycle} cycles; " +
                         $"row hits {chip.Statistics.RowHits}, misses {chip.Statistics.RowMisses}; most runs waited per port: {string.Join(" ", ports.MostRunsWaited)}");
        Assert.Equal(requests, ports.RunsGranted.Sum());
        Assert.Equal(words, ports.WordsGranted.Sum());
        Assert.True(ports.WordsRead.Sum() > words / 3, $"only {ports.WordsRead.Sum()} words read");
        return ports;
    }

    [Fact]
    public void A_million_random_requests_through_the_arbiter_keep_every_rule_and_every_word()
    {
        var config = new MemorySystemConfig(Ports: 4, Run: 16, ResponseDepth: 64);
        var ports = RunRandomTraffic(config, requests: 1_000_000, seed: 1, lint: true);
        for (var p = 0; p < config.Ports; p++)
            Assert.True(ports.MostRunsWaited[p] <= config.Ports - 1, $"port {p} waited {ports.MostRunsWaited[p]} runs of other ports, more than ports - 1 = {config.Ports - 1}");
    }

    [Theory]
    [InlineData(2, 64, ArbiterPolicy.RoundRobin)]
    [InlineData(3, 256, ArbiterPolicy.Priority)]
    [InlineData(8, 4, ArbiterPolicy.RoundRobin)]
    public void Other_port_counts_runs_and_policies_keep_every_word(int n, int run, ArbiterPolicy policy)
    {
        var config = new MemorySystemConfig(n, run, policy, ResponseDepth: Math.Max(64, run));
        var ports = RunRandomTraffic(config, requests: 20_000, seed: n * 1000 + run);
        if (policy == ArbiterPolicy.RoundRobin)
            Assert.True(ports.MostRunsWaited.Max() <= n - 1, $"a port waited {ports.MostRunsWaited.Max()} runs of other ports, more than {n - 1}");
    }

    /// <summary>Every port always has a run of 64 waiting (reads and writes), and takes every word: each gets its share.</summary>
    [Theory]
    [InlineData(ArbiterPolicy.RoundRobin)]
    [InlineData(ArbiterPolicy.Priority)]
    public void Under_saturation_each_port_gets_its_share(ArbiterPolicy policy)
    {
        var config = new MemorySystemConfig(Policy: policy);
        var (sim, top, _, ports) = Start(config, seed: 5);
        using var _ = sim;
        sim.RunUntil(() => sim.PeekBool(top.InitDone), maxCycles: 100_000, "init done");
        var r = new Random(7);
        var next = new long[config.Ports];
        for (var cycle = 0; cycle < 60_000; cycle++)
        {
            for (var p = 0; p < config.Ports; p++)
                while (ports.Queued(p) < 4)
                {
                    var address = (p << 20) + next[p];
                    next[p] += 64;
                    ports.Enqueue(p, r.Next(2) == 0 ? MemoryRun.Read(address, 64) : MemoryRun.WriteAll(address, Enumerable.Range(0, 64).Select(_ => (ushort)r.Next(1 << 16)).ToArray()));
                }
            sim.Step();
        }
        var total = ports.WordsGranted.Sum();
        var shares = ports.WordsGranted.Select(w => w / (double)total).ToArray();
        output.WriteLine($"{policy}: {total} words in 60000 cycles; shares " + string.Join(" ", shares.Select((s, p) => string.Create(CultureInfo.InvariantCulture, $"port{p}={s:0.000}"))));
        var fair = 1.0 / config.Ports;
        if (policy == ArbiterPolicy.RoundRobin)
            Assert.All(shares, s => Assert.InRange(s, fair * 0.9, fair * 1.1));
        else
        {
            // Port 0 wins whenever it may go; it may not in the cycle after each of its read grants (its credits are being taken), which port 1 gets.
            Assert.True(shares[0] > 0.75 && shares[2] < 0.02, "priority: port 0 should take most, port 2 (last) nearly nothing");
        }
    }

    /// <summary>Port 0 stops taking read words for long stretches: its credits run out and the others go on at full rate, no word lost.</summary>
    [Fact]
    public void A_port_that_stops_taking_words_does_not_stop_the_others()
    {
        var config = new MemorySystemConfig(ResponseDepth: 64);
        var (sim, top, _, ports) = Start(config, seed: 9);
        using var _ = sim;
        ports.ReadyProbability = (p, c) => p == 0 && c % 40_000 < 30_000 ? 0.0 : 1.0;
        sim.RunUntil(() => sim.PeekBool(top.InitDone), maxCycles: 100_000, "init done");
        var start = sim.Cycle;
        for (var i = 0; i < 2_000; i++)
            for (var p = 0; p < config.Ports; p++)
                ports.Enqueue(p, MemoryRun.Read((p << 20) + 64L * i, 64));
        sim.RunUntil(() => ports.WordsRead[1] == 2_000 * 64, maxCycles: 1_000_000, "port 1 done");
        var cycles = sim.Cycle - start;
        output.WriteLine($"ports 1 and 2 read {2 * 2_000 * 64} words in {cycles} cycles while port 0 stalled; port 0 read {ports.WordsRead[0]}");
        Assert.True(ports.WordsRead[0] < 64 * 2_000 / 2, "port 0 was not held back");
        Assert.True(2.0 * 2_000 * 64 / cycles > 0.8, "the other ports were slowed by port 0's stall");
        sim.RunUntil(() => ports.Done, maxCycles: 1_000_000, "port 0 done");
    }

    [Theory]
    [InlineData(128, 64, "response-depth = 64 is smaller than run = 128")]
    [InlineData(64, 100, "response-depth")]
    public void Bad_parameters_are_refused_with_the_parameter_value_and_range(int run, int depth, string message)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new BurstArbiter(new BurstArbiterConfig(Run: run, ResponseDepth: depth)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        var ports = Assert.ThrowsAny<ArgumentException>(() => new BurstArbiter(new BurstArbiterConfig(Ports: 9)));
        Assert.Contains("ports", ports.Message, StringComparison.Ordinal);
        Assert.Contains("9", ports.Message, StringComparison.Ordinal);
    }
}
