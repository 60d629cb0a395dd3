using Xunit.Abstractions;
using Zfpe.Cores.Accelerator;
using Zfpe.Reference.Accelerator;
using Zfpe.Reference.Codecs;
using Zfpe.Sim.Sdram;

namespace Zfpe.Cores.Tests;

/// <summary>
/// The accelerator core on the Verilator bridge with the SDRAM chip model on its pins: a model's
/// weights, biases and first inputs loaded into the model's memory (the backdoor), each layer set up
/// and started as a host would, and every output region the core writes compared word for word with
/// <see cref="AcceleratorReference"/>; no datasheet rule broken on the way.
/// </summary>
public sealed class AcceleratorCoreTests(ITestOutputHelper output)
{
    private static Simulation Create(AcceleratorCore top, string test) =>
        Simulation.Create(Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(top)),
            new SimOptions { Name = $"accel-core-{test}" });

    private static DenseLayer RandomLayer(Random r, int outputs, int inputs, bool bias, DenseActivation activation) =>
        new(outputs, inputs, Values(r, outputs * inputs, 0.25), bias ? Values(r, outputs, 1) : null, activation);

    /// <summary>Values of mixed magnitudes and signs, some zeros.</summary>
    private static float[] Values(Random r, int count, double scale) =>
        [.. Enumerable.Range(0, count).Select(_ => r.Next(16) == 0 ? 0f : (float)((r.NextDouble() * 2 - 1) * scale * Math.Pow(2, r.Next(-5, 6))))];

    private static AcceleratorConfig ReferenceConfig(AcceleratorCoreConfig c, ZfpeRounding hostRounding = ZfpeRounding.Truncate) =>
        new(new ArrayGeometry(c.Pes, c.OutputsPerPe, c.BatchTile), new SimpleFloatFormat(c.M, c.GuardBits),
            new ZfpeParameters(c.B, c.ExponentBits, c.Split, c.Rounding == PayloadRounding.Nearest ? ZfpeRounding.Nearest : ZfpeRounding.Truncate), hostRounding,
            RawWeights: c.Weights == WeightStorage.Raw);

    /// <summary>Runs the model on the core layer after layer and checks every layer's output regions.</summary>
    private void RunModel(AcceleratorCoreConfig config, IReadOnlyList<DenseLayer> layers, float[] x, int batch, string test, ZfpeRounding hostRounding = ZfpeRounding.Truncate)
    {
        var reference = AcceleratorReference.Run(layers, x, batch, ReferenceConfig(config, hostRounding));
        var map = new AcceleratorMemoryMap(reference.Layers.Select(l => l.Layout).ToList(), 1L << config.AddressBits);
        var top = new AcceleratorCore(config);
        using var sim = Create(top, test);
        var chip = new SdramModel(config.Memory.Controller.Timing);
        _ = new SdramAgent(sim, chip);
        sim.Reset(2);
        sim.RunUntil(() => sim.PeekBool(top.MemoryReady), maxCycles: 100_000, "the SDRAM's init sequence");

        // The backdoor: what the host would write before the run.
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
            sim.Poke(top.Start, true);
            sim.Step();
            sim.Poke(top.Start, false);
            Assert.True(sim.PeekBool(top.Busy), "the core did not start");
            var started = sim.Cycle;
            sim.RunUntil(() => !sim.PeekBool(top.Busy), maxCycles: 100 * schedule.MultiplyAdds / config.Pes + 500_000, $"layer {n + 1} done");
            var busy = sim.Peek(top.BusyCycles);
            var macs = (double)sim.Peek(top.WeightsTaken) * config.BatchTile;
            output.WriteLine($"layer {n + 1} ({schedule.Outputs} x {schedule.Inputs}, batch {batch}): {sim.Cycle - started} cycles, busy {busy}, " +
                             $"{macs / busy:F2} MACs/cycle ({macs / busy / config.Pes:P1} of {config.Pes} PEs); weight starved {sim.Peek(top.WeightStarvedCycles)}, " +
                             $"input starved {sim.Peek(top.InputStarvedCycles)}, result stalled {sim.Peek(top.ResultStalledCycles)}, words read {sim.Peek(top.WordsRead)}, written {sim.Peek(top.WordsWritten)}");
            Assert.Equal((ulong)(schedule.MultiplyAdds / config.BatchTile), sim.Peek(top.WeightsTaken));
            sim.Step(100);   // the last write run into the chip

            for (var bt = 0; bt < image.OutputTiles.Count; bt++)
            {
                var expected = AcceleratorMemoryMap.ToWords(image.OutputTiles[bt]);
                var actual = chip.Dump(place.OutputAddress + bt * place.OutputWords, expected.Length);
                var at = Enumerable.Range(0, expected.Length).FirstOrDefault(i => expected[i] != actual[i], -1);
                Assert.True(at < 0, at < 0 ? "" :
                    $"layer {n + 1}, batch tile {bt}: output word {at} (bits {16 * at}..{16 * at + 15}, block {16 * at / image.Layout.Codec.BlockBits}) " +
                    $"is {actual[at]:x4}, the reference has {expected[at]:x4}");
            }
        }
        Assert.Empty(chip.Violations);
    }

    [Fact]
    public void A_layer_with_bias_and_relu_matches_the_reference_bit_for_bit()
    {
        var r = new Random(1);
        var layer = RandomLayer(r, 40, 24, bias: true, DenseActivation.Relu);
        var batch = 20;
        RunModel(new AcceleratorCoreConfig(Pes: 4), [layer], Values(r, batch * layer.Inputs, 1), batch, "p4-layer");
    }

    /// <summary>A two-layer MLP whose sizes are no multiple of the tile (37 → 50 → 13, batch 21), in other ZFPe formats.</summary>
    [Theory]
    [InlineData(4, 9, 8, 28, PayloadRounding.Truncate)]
    [InlineData(4, 5, 9, 28, PayloadRounding.Truncate)]
    [InlineData(8, 5, 8, 30, PayloadRounding.Nearest)]
    public void A_two_layer_mlp_of_odd_sizes_matches_the_reference_layer_after_layer(int pes, int b, int exponentBits, int split, PayloadRounding rounding)
    {
        var r = new Random(pes * 100 + b);
        var batch = 21;
        var layers = new[] { RandomLayer(r, 50, 37, bias: true, DenseActivation.Relu), RandomLayer(r, 13, 50, bias: false, DenseActivation.None) };
        var config = new AcceleratorCoreConfig(Pes: pes, B: b, ExponentBits: exponentBits, Split: split, Rounding: rounding);
        RunModel(config, layers, Values(r, batch * 37, 1), batch, $"p{pes}-b{b}-e{exponentBits}-s{split}-{rounding}",
            hostRounding: rounding == PayloadRounding.Nearest ? ZfpeRounding.Nearest : ZfpeRounding.Truncate);
    }

    /// <summary>The uncompressed accelerator: weights as raw float32 reach the array unchanged.</summary>
    [Fact]
    public void Raw_float32_weights_match_the_reference()
    {
        var r = new Random(7);
        var batch = 13;
        var layers = new[] { RandomLayer(r, 45, 30, bias: true, DenseActivation.Relu), RandomLayer(r, 9, 45, bias: true, DenseActivation.None) };
        RunModel(new AcceleratorCoreConfig(Pes: 4, Weights: WeightStorage.Raw), layers, Values(r, batch * 30, 1), batch, "p4-raw");
    }

    /// <summary>Issue 15's layer: 256 × 256 with bias and ReLU, batch 16, at 8 and 16 PEs.</summary>
    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void A_256_by_256_layer_with_bias_and_relu_matches_the_reference(int pes)
    {
        var r = new Random(256 + pes);
        var layer = RandomLayer(r, 256, 256, bias: true, DenseActivation.Relu);
        RunModel(new AcceleratorCoreConfig(Pes: pes), [layer], Values(r, 16 * 256, 1), 16, $"p{pes}-256");
    }

    [Theory]
    [InlineData(3, 8, 16, "pes' x 'outputs-per-pe' = 3 x 3 = 9 is not a multiple of 4")]
    [InlineData(4, 8, 10, "'batch-tile' = 10 is not a multiple of 4")]
    public void A_geometry_that_splits_a_zfpe_block_is_refused_by_name(int pes, int outputsPerPe, int batchTile, string message)
    {
        var k = message.Contains("3 x 3") ? 3 : outputsPerPe;
        var error = Assert.Throws<Zfpe.Hdl.ParameterValueException>(() => new AcceleratorCoreConfig(Pes: pes, OutputsPerPe: k, BatchTile: batchTile).Validate());
        Assert.Contains(message, error.Message);
    }
}
