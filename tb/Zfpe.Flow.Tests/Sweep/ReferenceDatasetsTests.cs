using Zfpe.Reference.Datasets;
using Zfpe.Cli.Adapters;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Metrics;

namespace Zfpe.Flow.Tests.Sweep;

public class ReferenceDatasetsTests
{
    [Fact]
    public void The_nn_dataset_is_the_same_bits_on_every_call()
    {
        var a = ReferenceDatasets.NeuralNetworkTensors();
        var b = ReferenceDatasets.NeuralNetworkTensors();

        Assert.Equal(2 * 64 * 256, a.Length);
        Assert.Equal(a, b);
        // Pinned (to float tolerance, as libm may differ in the last bit between platforms): a change of
        // generator or seed changes every quality figure reported so far.
        Assert.Equal(0.011832602, a[0], 1e-8);
        Assert.Equal(0.0022138546, a[1], 1e-9);
        Assert.Equal(4.2152133, a[20_000], 1e-6);
        Assert.Equal(7525.0931, a.Sum(x => (double)x), 1e-2);
    }

    [Fact]
    public void The_weights_are_centred_with_a_scale_per_row_and_the_activations_are_relu_outputs()
    {
        var values = ReferenceDatasets.NeuralNetworkTensors();
        var weights = values[..(64 * 256)];
        var activations = values[(64 * 256)..];

        Assert.InRange(weights.Average(), -0.002, 0.002);
        Assert.InRange(weights.Count(w => w < 0) / (double)weights.Length, 0.45, 0.55);
        var rowScales = Enumerable.Range(0, 64).Select(r => Math.Sqrt(weights.Skip(r * 256).Take(256).Average(w => (double)w * w))).Order().ToList();
        Assert.True(rowScales[^1] > 2.5 * rowScales[0], $"rows should have different scales: {rowScales[0]:g3}..{rowScales[^1]:g3}");
        Assert.InRange(rowScales[32], 0.012, 0.03); // median near 0.02
        Assert.All(activations, a => Assert.True(a >= 0));
        Assert.InRange(activations.Count(a => a == 0) / (double)activations.Length, 0.35, 0.65);
    }

    [Fact]
    public void Quality_is_the_reference_codec_s_round_trip_error_with_headers_counted()
    {
        var values = ReferenceDatasets.NeuralNetworkTensors();
        var p = new ZfpeParameters(B: 5, ExponentBits: 9);

        var q = Assert.Single(SweepCatalogDesign.Measure(p, [("nn", values)]));

        var back = ZfpeCodec.Decompress(ZfpeCodec.Compress(values, p, out _), values.Length, p);
        var direct = ErrorStatistics.Compare(values, back, 0);
        Assert.Equal("nn", q.Dataset);
        Assert.Equal(8.25, q.BitsPerValue);
        Assert.Equal(direct.Psnr, q.PsnrDb);
        Assert.Equal(direct.Rmse, q.Rmse);
        Assert.Equal(direct.MaxAbsoluteError, q.MaxAbsoluteError);
    }

    [Fact]
    public void More_payload_bits_buy_more_psnr()
    {
        var values = ReferenceDatasets.NeuralNetworkTensors();
        var psnr = new[] { 3, 5, 9, 13 }.Select(b => SweepCatalogDesign.Measure(new ZfpeParameters(b), [("nn", values)])[0].PsnrDb).ToList();

        Assert.Equal(psnr.Order(), psnr);
        Assert.True(psnr[2] - psnr[1] > 15, $"4 more payload bits should gain well over 15 dB: {psnr[1]:0.0} → {psnr[2]:0.0}");
    }

    [Fact]
    public void Codec_parameters_come_from_the_point_with_the_format_s_defaults_and_are_validated()
    {
        Assert.Equal(new ZfpeParameters(9, 8, 28), SweepCatalogDesign.CodecParameters(new Dictionary<string, string> { ["b"] = "9", ["lanes"] = "4" }));
        Assert.Equal(new ZfpeParameters(5, 9, 30), SweepCatalogDesign.CodecParameters(new Dictionary<string, string> { ["b"] = "5", ["exponent-bits"] = "9", ["split"] = "30" }));
        var e = Assert.Throws<ArgumentException>(() => SweepCatalogDesign.CodecParameters(new Dictionary<string, string> { ["b"] = "13", ["split"] = "10" }));
        Assert.Contains("split = 10 is out of range", e.Message);
    }

    [Fact]
    public void Only_designs_with_a_payload_bits_parameter_get_quality_and_throughput()
    {
        var fifo = SweepCatalogDesign.Create("fifo", digits: false);
        Assert.Null(fifo.Quality);
        Assert.Null(fifo.ValuesPerCycle);

        var compressor = SweepCatalogDesign.Create("compressor", digits: false);
        var point = compressor.Resolve(new Dictionary<string, string> { ["lanes"] = "4", ["b"] = "9" });
        Assert.Equal(4, compressor.ValuesPerCycle!(point));
        Assert.Equal(12, Assert.Single(compressor.Quality!(point)).BitsPerValue);
        Assert.Single(compressor.QualityDatasets);
    }

    [Fact]
    public void The_digits_dataset_is_the_sklearn_pixels_scaled_to_one()
    {
        if (ReferenceDatasets.DigitsFile is null)
            Assert.Fail($"{ReferenceDatasets.DigitsMissing} (CI does)");
        var digits = ReferenceDatasets.Digits();

        Assert.Equal(1797 * 64, digits.Length);
        Assert.Equal(0f, digits.Min());
        Assert.Equal(1f, digits.Max());
        var withDigits = SweepCatalogDesign.Create("compressor", digits: true);
        Assert.Equal(["nn", "digits"], withDigits.Quality!(withDigits.Resolve(new Dictionary<string, string>())).Select(q => q.Dataset));
    }
}
