using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Sdram;
using Zfpe.Sim;
using Zfpe.Sim.Sdram;
using Zfpe.TestSupport;

namespace Zfpe.Hdl.Lib.Tests.Sdram;

/// <summary>
/// <see cref="MemoryRegionWriter"/> on port 0 and <see cref="MemoryRegionReader"/> on port 1 of a
/// <see cref="MemorySystem"/>, on the chip model's pins: regions of any length written, then read back
/// word for word with last on each region's final word, under input gaps and output backpressure.
/// </summary>
public sealed class MemoryRegionTests
{
    private sealed class RegionMover : Component
    {
        public readonly Stream<UInt> WriteRegions;
        public readonly Stream<UInt> WriteWords;
        public readonly Stream<MemoryRegion> ReadRegions;
        public readonly Stream<UInt> ReadWords;
        public readonly UInt RegionsWritten;
        public readonly Bool InitDone;

        public RegionMover(MemorySystemConfig config)
        {
            var memory = Instance(new MemorySystem(config), "memory");
            var addressBits = config.Arbiter.AddressBits;
            var writer = Instance(new MemoryRegionWriter(addressBits, config.Run), "writer");
            var reader = Instance(new MemoryRegionReader(addressBits, config.Run), "reader");
            WriteRegions = In.Stream(addressBits, name: "write_regions");
            WriteWords = In.Stream(16, withLast: true, name: "write_words");
            ReadRegions = In.Stream(MemoryRegion.Shape(addressBits), name: "read_regions");
            ReadWords = Out.Stream(16, withLast: true, name: "read_words");
            writer.Regions.ConnectFrom(WriteRegions);
            writer.Words.ConnectFrom(WriteWords);
            memory.Requests[0].ConnectFrom(writer.Request);
            memory.Responses[0].Ready.Assign(Hw.True);
            reader.Regions.ConnectFrom(ReadRegions);
            memory.Requests[1].ConnectFrom(reader.Request);
            reader.Response.ConnectFrom(memory.Responses[1]);
            ReadWords.ConnectFrom(reader.Words);
            RegionsWritten = Out.UInt(MemoryRegionWriter.CountBits, "regions_written");
            RegionsWritten.Assign(writer.RegionsWritten);
            InitDone = Out.Bool("init_done");
            InitDone.Assign(memory.InitDone);
            foreach (var pin in memory.PinOutputs)
            {
                if (pin is Bool bit) Out.Bool(name: pin.Name).Assign(bit);
                else Out.UInt(pin.Width, name: pin.Name).Assign((UInt)pin);
            }
            memory.SdramDqIn.Assign(In.UInt(16, name: "sdram_dq_in"));
        }
    }

    [Fact]
    public void Regions_written_word_by_word_read_back_the_same_with_last_on_each_final_word()
    {
        var config = new MemorySystemConfig(Ports: 2, Run: 16, ResponseDepth: 64);
        var top = new RegionMover(config);
        var design = Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(top));
        VerilogTools.AssertLintClean(design);
        using var sim = Simulation.Create(design, new SimOptions { Name = "memory_regions" });
        var chip = new SdramModel(config.Controller.Timing);
        _ = new SdramAgent(sim, chip);
        var writeRegions = sim.Attach(new StreamDriver<ulong>(sim.Stream(top.WriteRegions), seed: 1));
        var writeWords = sim.Attach(new StreamDriver<ulong>(sim.Stream(top.WriteWords), seed: 2) { IdleProbability = 0.2 });
        var readRegions = sim.Attach(new StreamDriver<ulong>(sim.Stream(top.ReadRegions), seed: 3));
        var readWords = sim.Attach(new StreamMonitor<ulong>(sim.Stream(top.ReadWords)));
        sim.Attach(new StreamReadyRandomizer(sim.Stream(top.ReadWords), seed: 4) { ReadyProbability = 0.7 });
        sim.Reset(2);

        // Regions of 1..70 words (runs of 16: whole runs, a shorter last one, single words) at random,
        // non-overlapping places, some crossing a row's end.
        var r = new Random(11);
        var regions = new List<(int Address, ushort[] Words)>();
        var next = 500;
        for (var i = 0; i < 40; i++)
        {
            var length = i < 3 ? i + 1 : r.Next(1, 71);
            next += r.Next(0, 300);
            regions.Add((next, Enumerable.Range(0, length).Select(_ => (ushort)r.Next(1 << 16)).ToArray()));
            next += length;
        }
        foreach (var (address, words) in regions)
        {
            writeRegions.Enqueue((ulong)address);
            for (var w = 0; w < words.Length; w++) writeWords.Enqueue(words[w], last: w == words.Length - 1);
        }
        sim.RunUntil(() => sim.Peek(top.RegionsWritten) == (ulong)regions.Count, maxCycles: 200_000, "every region written");

        var addressBits = config.Arbiter.AddressBits;
        foreach (var (address, words) in regions) readRegions.Enqueue((ulong)(uint)address | (ulong)(uint)words.Length << addressBits);
        var expected = regions.SelectMany(g => g.Words.Select((w, i) => (Word: (ulong)w, Last: i == g.Words.Length - 1))).ToList();
        sim.RunUntil(() => readWords.Count >= expected.Count, maxCycles: 200_000, "every word read back");
        sim.Step(50);
        Assert.Empty(chip.Violations);
        Assert.Equal(expected.Count, readWords.Beats.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].Word == readWords.Beats[i].Payload, $"word {i}: read {readWords.Beats[i].Payload:x4}, wrote {expected[i].Word:x4}");
            Assert.True(expected[i].Last == readWords.Beats[i].Last, $"word {i}: last {readWords.Beats[i].Last}, expected {expected[i].Last}");
        }
        // The chip holds what was written, where it was written.
        foreach (var (address, words) in regions) Assert.Equal(words, chip.Dump(address, words.Length));
    }
}
