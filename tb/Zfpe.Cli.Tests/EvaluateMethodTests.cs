using Zfpe.Cli.Commands;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Files;
using Zfpe.Reference.Metrics;
using Zfpe.Reference.Quantization;

namespace Zfpe.Cli.Tests;

public class EvaluateMethodTests
{
    [Theory]
    [InlineData("zfpe-b5", CodecKind.Zfpe, 8.0)]
    [InlineData("zfpe-b5-e9", CodecKind.Zfpe, 8.25)]
    [InlineData("ZFPE-B13", CodecKind.Zfpe, 16.0)]
    [InlineData("zfp-r8", CodecKind.Zfp, 8.0)]
    [InlineData("zfp-r12.5", CodecKind.Zfp, 12.5)]
    public void Codec_method_names_set_the_codec_parameters(string name, CodecKind kind, double bitsPerValue)
    {
        var method = EvaluateMethod.Parse(name);
        Assert.Equal(kind, method.Codec!.Kind);
        Assert.Equal(bitsPerValue, method.Codec.BitsPerValue);
        Assert.Null(method.Quantizer);
    }

    [Theory]
    [InlineData("int8-asym-tensor", QuantizationScheme.UniformAsymmetric, 8, QuantizationGranularity.PerTensor)]
    [InlineData("int4-sym-channel", QuantizationScheme.UniformSymmetric, 4, QuantizationGranularity.PerChannel)]
    [InlineData("pow2-8-tensor", QuantizationScheme.PowerOfTwo, 8, QuantizationGranularity.PerTensor)]
    [InlineData("pow2-5-channel", QuantizationScheme.PowerOfTwo, 5, QuantizationGranularity.PerChannel)]
    public void Baseline_method_names_set_the_quantizer(string name, QuantizationScheme scheme, int bits, QuantizationGranularity granularity)
    {
        var method = EvaluateMethod.Parse(name);
        Assert.Equal(new QuantizerParameters(scheme, bits, granularity), method.Quantizer);
        Assert.Null(method.Codec);
    }

    [Fact]
    public void Every_default_method_parses()
    {
        var methods = EvaluateMethod.ParseList(string.Join(",", EvaluateMethod.Defaults));
        Assert.Equal(EvaluateMethod.Defaults, methods.Select(m => m.Name));
    }

    [Fact]
    public void Codec_methods_in_chunks_give_the_one_pass_round_trip()
    {
        // Larger than one chunk, and not a whole number of blocks.
        int n = EvaluateMethod.ChunkValues + 4 * 1000 + 3;
        var random = new Random(31);
        var values = new float[n];
        for (int i = 0; i < n; i++)
            values[i] = (float)(random.NextDouble() * 2 - 1);
        var tensor = new Tensor(values, [n]);
        foreach (var name in new[] { "zfpe-b5-e9", "zfp-r12" })
        {
            var method = EvaluateMethod.Parse(name);
            long progressed = 0;
            var result = method.Run(tensor, done => progressed += done);
            var codec = method.Codec!;
            var whole = ErrorStatistics.Compare(values, codec.Decompress(codec.Compress(values, out _), n), 8 * codec.CompressedBytes(n));
            Assert.Equal(n, progressed);
            Assert.Equal(whole.Rmse, result.Metrics.Rmse, 12);
            Assert.Equal(whole.MaxAbsoluteError, result.Metrics.MaxAbsoluteError);
            Assert.Equal(whole.BitsPerValue, result.Metrics.BitsPerValue);
        }
    }

    [Fact]
    public void Baseline_methods_measure_the_quantizer_round_trip()
    {
        var values = new[] { 0.001f, -0.002f, 0.003f, 100f, -200f, 300f };
        var tensor = new Tensor(values, [2, 3]);
        var result = EvaluateMethod.Parse("int8-sym-channel").Run(tensor);
        var expected = ErrorStatistics.Compare(values, Quantizer.RoundTrip(values, [2, 3],
            new QuantizerParameters(QuantizationScheme.UniformSymmetric, 8, QuantizationGranularity.PerChannel)), 6 * 8 + 2 * 32);
        Assert.Equal(expected, result.Metrics);
    }
}
