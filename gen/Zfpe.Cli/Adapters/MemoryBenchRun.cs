using System.Globalization;
using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Sdram;
using Zfpe.Sim;
using Zfpe.Sim.Sdram;

namespace Zfpe.Cli.Adapters;

/// <summary>
/// What `zfpe bench memory` measures: the Verilated memory system (burst arbiter + SDRAM controller,
/// the chip model on its pins checking every rule, every read word checked against a shadow memory)
/// on two patterns, and the authors' scheme (<see cref="OneWordInFlightScheme"/>) on the same words.
/// <list type="bullet">
/// <item>Sequential: port 0 reads consecutive runs of <c>run</c> words, the other ports idle.</item>
/// <item>Mixed (the accelerator's): ports 0 and 1 read runs of <c>run</c> words from two regions
/// (weights, inputs) while port 2 writes runs of <c>run</c> words to a third (outputs), every port
/// always with a run waiting.</item>
/// </list>
/// Words per cycle = words moved / cycles from the requests being offered to the last read word
/// taken (or the last write word accepted). It lives in the CLI because it ties the design (Hdl.Lib)
/// and the simulator (Sim).
/// </summary>
public sealed record MemoryBenchRun(MemorySystemConfig Config, MemoryBenchRun.Pattern Sequential, MemoryBenchRun.Pattern Mixed)
{
    /// <summary>One pattern's figures: words, cycles in the memory system and in the authors' scheme.</summary>
    public sealed record Pattern(long Words, long Cycles, long AuthorsCycles)
    {
        public double WordsPerCycle => Words / (double)Cycles;
        public double AuthorsWordsPerCycle => Words / (double)AuthorsCycles;
        public double VsAuthors => WordsPerCycle / AuthorsWordsPerCycle;
    }

    /// <summary>Runs both patterns with <paramref name="words"/> words per stream.</summary>
    public static MemoryBenchRun Measure(MemorySystemConfig config, int words, int seed, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Ports < 3) throw new ArgumentException($"ports = {config.Ports}: the mixed pattern needs 3 ports (two reads, one write)", nameof(config));
        var run = config.Run;
        var runs = Math.Max(1, words / run);
        var top = new MemorySystem(config);
        progress?.Invoke($"memory system: {config.Ports} ports, runs of {run}, {config.Controller.Timing}; building the model...");
        using var sim = Simulation.Create(Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(top)),
            new SimOptions { Name = string.Create(CultureInfo.InvariantCulture, $"memory-bench-p{config.Ports}-r{run}-d{config.ResponseDepth}-{config.Part}-{config.ClockMhz}") });
        var timing = config.Controller.Timing;
        _ = new SdramAgent(sim, new SdramModel(timing));
        var ports = new MemoryPortAgent(sim, top.Requests.Select(sim.Stream).ToList(), top.Responses.Select(sim.Stream).ToList(), sim.Port(top.Waiting),
            config.Arbiter.AddressBits, config.Arbiter.LengthBits, seed);
        sim.Reset(2);
        sim.RunUntil(() => sim.PeekBool(top.InitDone), maxCycles: 1_000_000, "init done");

        var random = new Random(seed);
        const long region = 1 << 20;          // each stream's words: 2 M bytes apart, in different rows
        MemoryRun ReadRun(int stream, int k) => MemoryRun.Read(stream * region + (long)k * run, run);
        MemoryRun WriteRun(int stream, int k) => MemoryRun.WriteAll(stream * region + (long)k * run, Enumerable.Range(0, run).Select(_ => (ushort)random.Next(1 << 16)).ToArray());
        long Measure(Action enqueue)
        {
            var start = sim.Cycle;
            enqueue();
            sim.RunUntil(() => ports.Done, maxCycles: 100L * words * 3 + 100_000, "every run served");
            return sim.Cycle - start;
        }

        progress?.Invoke($"sequential: {runs * run} words read in runs of {run}...");
        var sequentialCycles = Measure(() => { for (var k = 0; k < runs; k++) ports.Enqueue(0, ReadRun(0, k)); });
        var sequentialWords = (long)runs * run;
        var sequentialAuthors = OneWordInFlightScheme.Cycles(timing, Enumerable.Range(0, runs * run).Select(w => (false, (long)w)));

        progress?.Invoke($"mixed: {runs * run} words on each of 2 read streams and 1 write stream...");
        var mixedCycles = Measure(() =>
        {
            for (var k = 0; k < runs; k++)
            {
                ports.Enqueue(0, ReadRun(1, k));
                ports.Enqueue(1, ReadRun(2, k));
                ports.Enqueue(2, WriteRun(3, k));
            }
        });
        var mixedWords = 3L * runs * run;
        var mixedOrder = Enumerable.Range(0, runs).SelectMany(k => new[] { 1, 2, 3 }.SelectMany(stream =>
            Enumerable.Range(0, run).Select(w => (stream == 3, stream * region + (long)k * run + w))));
        var mixedAuthors = OneWordInFlightScheme.Cycles(timing, mixedOrder);
        return new MemoryBenchRun(config, new Pattern(sequentialWords, sequentialCycles, sequentialAuthors), new Pattern(mixedWords, mixedCycles, mixedAuthors));
    }
}
