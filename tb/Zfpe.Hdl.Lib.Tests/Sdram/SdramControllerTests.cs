using Xunit.Abstractions;
using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Lib.Sdram;
using Zfpe.Sim;
using Zfpe.Sim.Sdram;
using Zfpe.TestSupport;

namespace Zfpe.Hdl.Lib.Tests.Sdram;

/// <summary>
/// The Verilated <see cref="SdramController"/> on the chip model's pins (<see cref="SdramAgent"/>):
/// the model throws on any broken datasheet rule; a C# shadow memory says what every read returns.
/// </summary>
public sealed class SdramControllerTests(ITestOutputHelper output)
{
    /// <summary>A run of words as the test generates it, with the request beats it makes.</summary>
    private sealed record Run(bool Write, int Address, int Words, int Tag, ushort[] Data, int[] ByteEnables);

    /// <summary>
    /// Drives the request stream from a queue of beats (idle cycles at random while
    /// <see cref="IdleProbability"/> says so; a beat, once valid, is held until taken) and checks
    /// every response beat against the expected words, in order.
    /// </summary>
    private sealed class Traffic : ICycleAgent
    {
        private readonly SdramController _controller;
        private readonly StreamPorts _request, _response;
        private readonly Queue<ulong> _beats = new();
        private readonly Queue<(ushort Data, int Tag, bool Last)> _expected = new();
        private readonly Random _random;
        private bool _presenting;

        public Traffic(Simulation simulation, SdramController controller, int seed)
        {
            _controller = controller;
            _request = simulation.Stream(controller.Request);
            _response = simulation.Stream(controller.Response);
            _random = new Random(seed);
            simulation.Attach(this);
        }

        public Func<long, double> IdleProbability { get; set; } = _ => 0;
        public Func<long, double> ReadyProbability { get; set; } = _ => 1;
        public long BeatsIn { get; private set; }
        public long WordsOut { get; private set; }
        public long FirstBeatCycle { get; private set; } = -1;
        public long LastWordCycle { get; private set; } = -1;
        public int Queued => _beats.Count;
        public bool Done => _beats.Count == 0 && !_presenting && _expected.Count == 0;

        /// <summary>Queues a run's beats and, for a read, the words it must return (the shadow as it is now: runs are served in order).</summary>
        public void Add(Run run, IReadOnlyList<ushort> expectedReads)
        {
            var c = _controller.Config;
            var a = c.AddressBits;
            ulong Beat(int i) =>
                (ulong)(uint)run.Address | (run.Write ? 1UL << a : 0) | (ulong)run.Data[i] << (a + 1) | (ulong)run.ByteEnables[i] << (a + 17)
                | (ulong)(run.Words - 1) << (a + 19) | (ulong)run.Tag << (a + 19 + SdramControllerConfig.LengthBits);
            if (run.Write)
                for (var i = 0; i < run.Words; i++) _beats.Enqueue(Beat(i));
            else
            {
                _beats.Enqueue(Beat(0));
                for (var i = 0; i < run.Words; i++) _expected.Enqueue((expectedReads[i], run.Tag, i == run.Words - 1));
            }
        }

        public void Drive(Simulation s)
        {
            if (!_presenting && _beats.Count > 0 && _random.NextDouble() >= IdleProbability(s.Cycle))
            {
                _presenting = true;
                s.Poke(_request.Payload, _beats.Peek());
            }
            s.Poke(_request.Valid, _presenting);
            s.Poke(_response.Ready, _random.NextDouble() < ReadyProbability(s.Cycle));
        }

        public void Sample(Simulation s)
        {
            if (_presenting && s.PeekBool(_request.Ready))
            {
                _beats.Dequeue();
                _presenting = false;
                if (FirstBeatCycle < 0) FirstBeatCycle = s.Cycle;
                BeatsIn++;
            }
            if (s.PeekBool(_response.Valid) && s.PeekBool(_response.Ready))
            {
                var payload = s.Peek(_response.Payload);
                var last = s.PeekBool(_response.Last!);
                if (_expected.Count == 0) throw s.Failure($"an extra read word 0x{payload & 0xffff:x4} (tag {payload >> 16})");
                var (data, tag, expectedLast) = _expected.Dequeue();
                if ((ushort)payload != data || (int)(payload >> 16) != tag || last != expectedLast)
                    throw s.Failure($"read word {WordsOut}: got 0x{payload & 0xffff:x4} tag {payload >> 16} last {last}, expected 0x{data:x4} tag {tag} last {expectedLast}");
                WordsOut++;
                LastWordCycle = s.Cycle;
            }
        }
    }

    /// <summary>The C# memory: what every word holds after the runs generated so far.</summary>
    private sealed class Shadow(int addressBits)
    {
        private readonly Dictionary<int, ushort> _words = new();
        private readonly int _mask = (1 << addressBits) - 1;

        public ushort[] Apply(Run run)
        {
            var read = new ushort[run.Write ? 0 : run.Words];
            for (var i = 0; i < run.Words; i++)
            {
                var address = (run.Address + i) & _mask;
                _words.TryGetValue(address, out var old);
                if (!run.Write)
                {
                    read[i] = old;
                    continue;
                }
                var keep = ((run.ByteEnables[i] & 1) != 0 ? 0 : 0x00ff) | ((run.ByteEnables[i] & 2) != 0 ? 0 : 0xff00);
                _words[address] = (ushort)((old & keep) | (run.Data[i] & ~keep));
            }
            return read;
        }
    }

    private static (Simulation Sim, SdramController Controller, SdramModel Chip, Traffic Traffic) Start(SdramControllerConfig config, int seed, bool lint = false)
    {
        var controller = new SdramController(config);
        var design = VerilogEmitter.Emit(controller);
        if (lint) VerilogTools.AssertLintClean(design);
        var sim = Simulation.Create(design, new SimOptions { Name = $"sdram_ctrl_{seed}" });
        var chip = new SdramModel(config.SdramPart.At(config.ClockMhz));      // the part's real timings, whatever the controller was built with
        _ = new SdramAgent(sim, chip);
        var traffic = new Traffic(sim, controller, seed);
        sim.Reset(2);
        return (sim, controller, chip, traffic);
    }

    /// <summary>Random runs: half writes; lengths mostly short, some up to 256; addresses in a few hot rows (hits, misses, bank conflicts) or anywhere.</summary>
    private static Run RandomRun(Random r, SdramControllerConfig c)
    {
        var write = r.Next(2) == 0;
        var kind = r.Next(20);
        var words = kind < 10 ? r.Next(1, 9) : kind < 17 ? r.Next(9, 65) : r.Next(65, 257);
        var row = r.Next(8) < 7 ? r.Next(3) * 977 : r.Next(1 << c.RowBits);
        var bank = r.Next(1 << c.BankBits);
        var column = r.Next(1 << c.ColumnBits);
        var address = (row << (c.ColumnBits + c.BankBits)) | (bank << c.ColumnBits) | column;
        if (r.Next(50) == 0) address = (1 << c.AddressBits) - r.Next(1, 40);      // wraps past the chip's end
        var data = Enumerable.Range(0, write ? words : 1).Select(_ => (ushort)r.Next(1 << 16)).ToArray();
        var enables = Enumerable.Range(0, write ? words : 1).Select(_ => r.Next(8) switch { 0 => 1, 1 => 2, 2 => 0, _ => 3 }).ToArray();
        return new Run(write, address, words, r.Next(1 << c.TagBits), data, enables);
    }

    [Fact]
    public void Random_runs_read_back_what_was_written_without_breaking_a_rule() =>
        RunRandomTraffic(new SdramControllerConfig(), requests: 100_000, seed: 1, lint: true);

    /// <summary>CL3, tRCD/tRP 3, 1024 columns (a 25-bit address), the other parts' delays.</summary>
    [Theory]
    [InlineData(SdramPartChoice.Is42s16160g_7, 133)]
    [InlineData(SdramPartChoice.Mt48lc16m16a2_6a, 143)]
    [InlineData(SdramPartChoice.M12l2561616a_6, 100)]
    [InlineData(SdramPartChoice.As4c32m16sb_7, 100)]
    public void Other_parts_and_clocks_keep_every_rule(SdramPartChoice part, int mhz) =>
        RunRandomTraffic(new SdramControllerConfig(part, mhz), requests: 10_000, seed: (int)part + mhz, lint: false);

    private void RunRandomTraffic(SdramControllerConfig config, int requests, int seed, bool lint)
    {
        var (sim, _, chip, traffic) = Start(config, seed, lint);
        using var _ = sim;
        traffic.IdleProbability = c => (c / 3000 % 4) switch { 0 => 0.0, 1 => 0.3, 2 => 0.05, _ => 0.8 };
        traffic.ReadyProbability = c => (c / 2300 % 5) switch { 0 => 1.0, 1 => 0.5, 2 => 0.9, 3 => 0.1, _ => 0.97 };
        var r = new Random(seed + 6);
        var shadow = new Shadow(config.AddressBits);
        long words = 0;
        for (var i = 0; i < requests; i++)
        {
            var run = RandomRun(r, config);
            traffic.Add(run, shadow.Apply(run));
            words += run.Words;
            while (traffic.Queued > 512) sim.Step();
        }
        sim.RunUntil(() => traffic.Done, maxCycles: 1_000_000, "every read word returned");
        sim.Step(20);
        var stats = chip.Statistics;
        var refreshes = stats.Count(SdramCommand.AutoRefresh);
        output.WriteLine($"{config.Timing}: {requests} requests, {words} words ({traffic.WordsOut} read) in {sim.Cycle} cycles; " +
                         $"row hits {stats.RowHits}, misses {stats.RowMisses}; {refreshes} refreshes");
        Assert.True(traffic.WordsOut > words / 3, $"only {traffic.WordsOut} words read");
        var owed = (stats.Cycles - config.Timing.PowerUpCycles) / config.Timing.RefreshIntervalCycles;      // the model checks the rate too
        Assert.True(refreshes >= owed - 8, $"only {refreshes} refreshes in {stats.Cycles} cycles, {owed} owed after the power-up wait");
    }

    /// <summary>
    /// Requests (a write run's data included) and responses stopped for 15,000 cycles at a time,
    /// twice 9 refresh intervals: the refreshes go on at their rate (the model checks it, and tRAS max).
    /// </summary>
    [Fact]
    public void Refresh_keeps_its_rate_while_requests_and_responses_stall()
    {
        var config = new SdramControllerConfig();
        var (sim, _, chip, traffic) = Start(config, seed: 8);
        using var _ = sim;
        static bool Stalled(long c) => c > 20_000 && c % 20_000 >= 5_000;
        traffic.IdleProbability = c => Stalled(c) ? 1.0 : 0.02;
        traffic.ReadyProbability = c => Stalled(c) ? 0.0 : 1.0;
        var r = new Random(9);
        var shadow = new Shadow(config.AddressBits);
        for (var i = 0; i < 2_000; i++)
        {
            var run = RandomRun(r, config);
            traffic.Add(run, shadow.Apply(run));
        }
        sim.RunUntil(() => traffic.Done, maxCycles: 2_000_000, "every read word returned");
        var refreshes = chip.Statistics.Count(SdramCommand.AutoRefresh);
        var owed = (chip.Statistics.Cycles - config.Timing.PowerUpCycles) / config.Timing.RefreshIntervalCycles;
        output.WriteLine($"{sim.Cycle} cycles, {traffic.WordsOut} words read, {refreshes} refreshes ({owed} owed)");
        Assert.True(sim.Cycle > 100_000, "the stalls did not happen");
        Assert.True(refreshes >= owed - 8, $"only {refreshes} refreshes, {owed} owed");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_sequential_run_moves_about_a_word_per_cycle(bool write)
    {
        var config = new SdramControllerConfig();
        var (sim, controller, _, traffic) = Start(config, seed: 2);
        using var _ = sim;
        sim.RunUntil(() => sim.PeekBool(controller.InitDone), maxCycles: 100_000, "init done");
        const int runs = 64, words = 256;
        var shadow = new Shadow(config.AddressBits);
        for (var i = 0; i < runs; i++)
        {
            var run = new Run(write, i * words, words, i & 15, Enumerable.Range(0, words).Select(k => (ushort)(i * words + k)).ToArray(), Enumerable.Repeat(3, words).ToArray());
            traffic.Add(run, shadow.Apply(run));
        }
        var start = sim.Cycle;
        sim.RunUntil(() => traffic.Done && (write ? traffic.BeatsIn == runs * words : true), maxCycles: 200_000, "the run done");
        var end = write ? sim.Cycle : traffic.LastWordCycle + 1;
        var perCycle = (double)(runs * words) / (end - start);
        output.WriteLine($"sequential {(write ? "writes" : "reads")}: {runs * words} words in {end - start} cycles = {perCycle:0.000} words/cycle");
        Assert.True(perCycle > 0.9, $"{perCycle:0.000} words per cycle");
    }

    [Fact]
    public void A_read_word_is_offered_ReadLatency_cycles_after_its_READ_command()
    {
        var config = new SdramControllerConfig();
        var (sim, controller, _, traffic) = Start(config, seed: 3);
        using var _ = sim;
        sim.RunUntil(() => sim.PeekBool(controller.InitDone), maxCycles: 100_000, "init done");
        var shadow = new Shadow(config.AddressBits);
        var run = new Run(false, 0x1234, 1, 5, [0], [3]);
        traffic.Add(run, shadow.Apply(run));
        sim.RunUntil(() => !sim.PeekBool(controller.SdramCsN) && sim.PeekBool(controller.SdramRasN) && !sim.PeekBool(controller.SdramCasN) && sim.PeekBool(controller.SdramWeN), 100, "READ on the pins");
        var onPins = sim.Cycle;
        sim.RunUntil(() => sim.PeekBool(controller.Response.Valid), 100, "the word offered");
        output.WriteLine($"READ on the pins after edge {onPins}, its word offered after edge {sim.Cycle}");
        Assert.Equal(controller.ReadLatency, sim.Cycle - onPins);
    }

    [Theory]
    [InlineData(SdramRule.Trcd)]
    [InlineData(SdramRule.Trp)]
    [InlineData(SdramRule.TrasMin)]
    [InlineData(SdramRule.Twr)]
    [InlineData(SdramRule.Trfc)]
    public void A_delay_one_cycle_short_is_caught_by_the_chip_model(SdramRule rule)
    {
        var nominal = SdramParts.Default.At(100);
        var wrong = rule switch
        {
            SdramRule.Trcd => nominal with { Trcd = nominal.Trcd - 1 },
            SdramRule.Trp => nominal with { Trp = nominal.Trp - 1 },
            SdramRule.TrasMin => nominal with { TrasMin = nominal.TrasMin - 1 },
            SdramRule.Twr => nominal with { Twr = nominal.Twr - 1 },
            _ => nominal with { Trfc = nominal.Trfc - 1 },
        };
        var config = new SdramControllerConfig { TimingOverride = wrong };
        var (sim, _, _, traffic) = Start(config, seed: 4);
        using var _ = sim;
        var r = new Random(5);
        var shadow = new Shadow(config.AddressBits);
        for (var i = 0; i < 200; i++)
        {
            var run = RandomRun(r, config);
            traffic.Add(run, shadow.Apply(run));
        }
        var e = Assert.Throws<SdramViolationException>(() => sim.RunUntil(() => traffic.Done, maxCycles: 200_000));
        output.WriteLine(e.Message);
        Assert.Equal(rule, e.Violation.Rule);
    }
}
