using Xunit.Abstractions;
using Zfpe.Cores.Accelerator;
using Zfpe.Reference.Accelerator;
using Zfpe.Reference.Codecs;
using Zfpe.Cli.Adapters;

namespace Zfpe.Cores.Tests;

/// <summary>
/// The accelerator core on the Verilator bridge with the SDRAM chip model on its pins: a model's
/// weights, biases and first inputs loaded into the model's memory (the backdoor), each layer set up
/// and started as a host would, and every output region the core writes compared word for word with
/// <see cref="AcceleratorReference"/>; no datasheet rule broken on the way.
/// </summary>
public sealed class AcceleratorCoreTests(ITestOutputHelper output)
{
    private static DenseLayer RandomLayer(Random r, int outputs, int inputs, bool bias, DenseActivation activation) =>
        new(outputs, inputs, Values(r, outputs * inputs, 0.25), bias ? Values(r, outputs, 1) : null, activation);

    /// <summary>Values of mixed magnitudes and signs, some zeros.</summary>
    private static float[] Values(Random r, int count, double scale) =>
        [.. Enumerable.Range(0, count).Select(_ => r.Next(16) == 0 ? 0f : (float)((r.NextDouble() * 2 - 1) * scale * Math.Pow(2, r.Next(-5, 6))))];

    /// <summary>Runs the model on the core layer after layer (<see cref="AccelCoreRun"/>) and checks every layer's output regions.</summary>
    private void RunModel(AcceleratorCoreConfig config, IReadOnlyList<DenseLayer> layers, float[] x, int batch, string test, ZfpeRounding hostRounding = ZfpeRounding.Truncate)
    {
        var run = AccelCoreRun.Run(config, layers, x, batch, test, hostRounding);
        foreach (var (layer, n) in run.Select((l, n) => (l, n + 1)))
        {
            var s = layer.Schedule;
            output.WriteLine($"layer {n} ({s.Outputs} x {s.Inputs}, batch {batch}): {layer.Cycles} cycles, busy {layer.BusyCycles}, {layer.MacsPerCycle:F2} MACs/cycle " +
                             $"({layer.Utilisation:P1} of {config.Pes} PEs); weight starved {layer.WeightStarved}, input starved {layer.InputStarved}, " +
                             $"result stalled {layer.ResultStalled}, words read {layer.WordsRead}, written {layer.WordsWritten}");
            Assert.Equal(s.MultiplyAdds / config.BatchTile, layer.WeightsTaken);
            Assert.True(layer.FirstMismatch is null, layer.FirstMismatch);
            Assert.True(layer.WordsCompared > 0);
        }
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

    /// <summary>`zfpe sweep accel-core|ulx3s-accel`: the figure per cycle (and per second at Fmax) from a layer checked against the reference.</summary>
    [Fact]
    public void A_sweep_point_of_the_accelerator_measures_its_multiply_adds_per_cycle_on_a_checked_layer()
    {
        var info = Zfpe.Cores.Designs.DesignCatalog.Get(SweepCatalogDesign.AcceleratorCoreDesign);
        var design = SweepCatalogDesign.Create(info.Name, digits: false);
        Assert.NotNull(design.Measure);
        Assert.Null(design.ValuesPerCycle); // not a codec's values per cycle
        var resolved = design.Resolve(new Dictionary<string, string> { ["pes"] = "4" });
        var measured = SweepCatalogDesign.MeasureAccelerator(info, resolved, 128, 128, 16);
        var macs = Assert.Single(measured, m => m.Name == "macs_per_cycle");
        output.WriteLine($"{macs.Value} MACs/cycle at 4 PEs");
        Assert.Equal("mmacs_per_second", macs.PerSecond);
        Assert.InRange(macs.Value, 0.8 * 4, 4.0);
        Assert.Equal(Math.Round(macs.Value / 4, 3), Assert.Single(measured, m => m.Name == "pe_utilisation").Value, 2);
        Assert.Equal(macs.Value * 100, macs.MillionsPerSecondAt(100));
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
