using Zfpe.Cores.Accelerator;
using Zfpe.Cores.Codec;
using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Reference.Accelerator;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Dense;
using Zfpe.Reference.Float;
using Zfpe.Sim;
using Zfpe.Sim.Sdram;

namespace Zfpe.Cli.Adapters;

/// <summary>One layer of a model run on the Verilated core: its counters and how its output regions compare with the reference.</summary>
public sealed record AccelCoreLayer(ArraySchedule Schedule, long Cycles, long BusyCycles, long WeightStarved, long InputStarved, long ResultStalled,
    long WeightsTaken, long WordsRead, long WordsWritten, int WordsCompared, string? FirstMismatch)
{
    /// <summary>Multiply-adds per busy cycle, from the core's counters (weights taken × B).</summary>
    public double MacsPerCycle => BusyCycles == 0 ? 0 : (double)WeightsTaken * Schedule.Geometry.BatchTile / BusyCycles;

    /// <summary>The PE utilisation: multiply-adds per cycle over pes.</summary>
    public double Utilisation => MacsPerCycle / Schedule.Geometry.Pes;
}

/// <summary>
/// A model run on the Verilated <see cref="AcceleratorCore"/> (no serial line) with the SDRAM chip model on
/// its pins: the weights, biases and first inputs loaded into the chip's memory (the backdoor), each layer
/// set up on the core's settings and started, every output region compared word for word with
/// <see cref="AcceleratorReference"/>, the core's counters read. What `zfpe bench accel` measures and the
/// core's co-simulation tests check. It lives in the CLI because it ties the design, the reference and the simulator.
/// </summary>
public static class AccelCoreRun
{
    /// <summary>The reference configuration of a core build.</summary>
    public static AcceleratorConfig ReferenceConfig(AcceleratorCoreConfig c, ZfpeRounding hostRounding = ZfpeRounding.Truncate) =>
        new(new ArrayGeometry(c.Pes, c.OutputsPerPe, c.BatchTile), new SimpleFloatFormat(c.M, c.GuardBits),
            new ZfpeParameters(c.B, c.ExponentBits, c.Split, c.Rounding == PayloadRounding.Nearest ? ZfpeRounding.Nearest : ZfpeRounding.Truncate), hostRounding,
            RawWeights: c.Weights == WeightStorage.Raw);

    public static IReadOnlyList<AccelCoreLayer> Run(AcceleratorCoreConfig config, IReadOnlyList<DenseLayer> layers, float[] x, int batch, string name,
        ZfpeRounding hostRounding = ZfpeRounding.Truncate, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var reference = AcceleratorReference.Run(layers, x, batch, ReferenceConfig(config, hostRounding));
        var map = new AcceleratorMemoryMap(reference.Layers.Select(l => l.Layout).ToList(), 1L << config.AddressBits);
        var top = new AcceleratorCore(config);
        progress?.Invoke($"building the simulation of accel-core ({name}; cached after the first run)");
        using var sim = Simulation.Create(Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(top)), new SimOptions { Name = $"accel-core-{name}" });
        var chip = new SdramModel(config.Memory.Controller.Timing);
        _ = new SdramAgent(sim, chip);
        sim.Reset(2);
        sim.RunUntil(() => sim.PeekBool(top.MemoryReady), maxCycles: 400_000, "the SDRAM's init sequence");

        var first = map.Layers[0];
        for (var bt = 0; bt < reference.Layers[0].InputTiles.Count; bt++)
            chip.Load(first.InputAddress + bt * first.InputWords, AcceleratorMemoryMap.ToWords(reference.Layers[0].InputTiles[bt]));
        for (var n = 0; n < layers.Count; n++)
        {
            var image = reference.Layers[n];
            var place = map.Layers[n];
            for (var ot = 0; ot < image.WeightTiles.Count; ot++)
                chip.Load(place.WeightAddress + ot * place.WeightWords, AcceleratorMemoryMap.ToWords(image.WeightTiles[ot]));
            chip.Load(place.BiasAddress, AcceleratorMemoryMap.ToWords(image.Biases.AsSpan()));
        }

        var results = new List<AccelCoreLayer>(layers.Count);
        for (var n = 0; n < layers.Count; n++)
        {
            var image = reference.Layers[n];
            var place = map.Layers[n];
            var schedule = image.Layout.Schedule;
            var s = top.Settings;
            sim.Poke(s.Outputs, (ulong)schedule.Outputs);
            sim.Poke(s.OutputTiles, (ulong)schedule.OutputTiles);
            sim.Poke(s.BatchTiles, (ulong)schedule.BatchTiles);
            sim.Poke(s.Relu, layers[n].Activation == DenseActivation.Relu);
            sim.Poke(s.WeightAddress, (ulong)place.WeightAddress);
            sim.Poke(s.WeightWords, (ulong)place.WeightWords);
            sim.Poke(s.BiasAddress, (ulong)place.BiasAddress);
            sim.Poke(s.InputAddress, (ulong)place.InputAddress);
            sim.Poke(s.InputWords, (ulong)place.InputWords);
            sim.Poke(s.OutputAddress, (ulong)place.OutputAddress);
            sim.Poke(s.OutputWords, (ulong)place.OutputWords);
            sim.Step(AcceleratorCore.SettingsSetupCycles);   // as the link does: the settings first, then go
            sim.Poke(top.Start, true);
            sim.Step();
            sim.Poke(top.Start, false);
            if (!sim.PeekBool(top.Busy)) throw new InvalidOperationException($"layer {n + 1}: the core did not start");
            var started = sim.Cycle;
            progress?.Invoke($"layer {n + 1}: {schedule.Outputs} x {schedule.Inputs}, batch {batch}: {schedule.MultiplyAdds:N0} multiply-adds");
            sim.RunUntil(() => !sim.PeekBool(top.Busy), maxCycles: 100 * schedule.MultiplyAdds / config.Pes + 500_000, $"layer {n + 1} to finish");
            var cycles = sim.Cycle - started;
            sim.Step(100);   // the last write run into the chip

            string? mismatch = null;
            var compared = 0;
            for (var bt = 0; bt < image.OutputTiles.Count && mismatch is null; bt++)
            {
                var expected = AcceleratorMemoryMap.ToWords(image.OutputTiles[bt]);
                var actual = chip.Dump(place.OutputAddress + bt * place.OutputWords, expected.Length);
                var at = Enumerable.Range(0, expected.Length).FirstOrDefault(i => expected[i] != actual[i], -1);
                if (at >= 0)
                    mismatch = $"layer {n + 1}, batch tile {bt}: output word {at} (bits {16 * at}..{16 * at + 15}, block {16 * at / image.Layout.Codec.BlockBits}) " +
                               $"is {actual[at]:x4}, the reference has {expected[at]:x4}";
                compared += expected.Length;
            }
            results.Add(new AccelCoreLayer(schedule, cycles, (long)sim.Peek(top.BusyCycles), (long)sim.Peek(top.WeightStarvedCycles), (long)sim.Peek(top.InputStarvedCycles),
                (long)sim.Peek(top.ResultStalledCycles), (long)sim.Peek(top.WeightsTaken), (long)sim.Peek(top.WordsRead), (long)sim.Peek(top.WordsWritten), compared, mismatch));
        }
        if (chip.Violations.Count > 0) throw new InvalidOperationException($"the SDRAM model caught a rule broken: {chip.Violations[0]}");
        return results;
    }
}
