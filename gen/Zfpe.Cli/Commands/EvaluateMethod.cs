using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Files;
using Zfpe.Reference.Metrics;
using Zfpe.Reference.Quantization;

namespace Zfpe.Cli.Commands;

/// <summary>
/// A method of <c>zfpe evaluate</c>, named as on its command line: a codec (zfpe-b5, zfpe-b5-e9,
/// zfp-r8) or a quantization baseline (int8-asym-tensor, int8-sym-channel, pow2-8-tensor).
/// </summary>
public sealed partial class EvaluateMethod
{
    /// <summary>The default comparison: ZFPe at the 8- and 12-bit budgets, ZFP at the same rates, the int8 baselines and 8-bit power of two.</summary>
    public static IReadOnlyList<string> Defaults { get; } =
    [
        "zfpe-b5", "zfpe-b9", "zfp-r8", "zfp-r12",
        "int8-asym-tensor", "int8-asym-channel", "int8-sym-tensor", "int8-sym-channel",
        "pow2-8-tensor",
    ];

    /// <summary>The naming rules, for --help and error messages.</summary>
    public const string Grammar =
        "zfpe-b<N>[-e9] (ZFPe, b = N payload bits, exponent-bits 8 or with -e9 9), " +
        "zfp-r<R> (ZFP fixed rate R bits/value), " +
        "int<N>-<asym|sym>-<tensor|channel> (uniform N-bit quantization, per tensor or per channel = axis 0), " +
        "pow2-<N>-<tensor|channel> (power-of-two quantization in N bits)";

    /// <summary>Values per codec chunk: a multiple of 32 so every chunk is whole blocks; blocks are independent, so results equal one pass.</summary>
    public const int ChunkValues = 1 << 20;

    private EvaluateMethod(string name, ContainerCodec? codec, QuantizerParameters? quantizer)
    {
        Name = name;
        Codec = codec;
        Quantizer = quantizer;
    }

    public string Name { get; }

    /// <summary>The codec, for codec methods.</summary>
    public ContainerCodec? Codec { get; }

    /// <summary>The quantizer, for baseline methods.</summary>
    public QuantizerParameters? Quantizer { get; }

    public bool IsPerChannel => Quantizer?.Granularity == QuantizationGranularity.PerChannel;

    /// <summary>Parses a method name; unknown names and out-of-range parameters throw a <see cref="CliException"/> saying what is allowed.</summary>
    public static EvaluateMethod Parse(string text)
    {
        string name = text.Trim().ToLowerInvariant();
        try
        {
            EvaluateMethod method;
            if (ZfpePattern().Match(name) is { Success: true } zfpe)
            {
                int exponentBits = zfpe.Groups[2].Success ? Number(zfpe.Groups[2].Value, text) : 8;
                method = new(name, ContainerCodec.ForZfpe(new ZfpeParameters(Number(zfpe.Groups[1].Value, text), exponentBits)), null);
            }
            else if (ZfpPattern().Match(name) is { Success: true } zfp)
            {
                method = new(name, ContainerCodec.ForZfp(new ZfpParameters(double.Parse(zfp.Groups[1].Value, CultureInfo.InvariantCulture))), null);
            }
            else if (UniformPattern().Match(name) is { Success: true } uniform)
            {
                var scheme = uniform.Groups[2].Value == "asym" ? QuantizationScheme.UniformAsymmetric : QuantizationScheme.UniformSymmetric;
                method = new(name, null, new QuantizerParameters(scheme, Number(uniform.Groups[1].Value, text), Granularity(uniform.Groups[3].Value)));
            }
            else if (PowerOfTwoPattern().Match(name) is { Success: true } pow2)
            {
                method = new(name, null, new QuantizerParameters(QuantizationScheme.PowerOfTwo, Number(pow2.Groups[1].Value, text), Granularity(pow2.Groups[2].Value)));
            }
            else
            {
                throw new CliException($"--methods: '{text}' is not a method; methods are {Grammar}");
            }
            method.Codec?.Validate();
            method.Quantizer?.Validate();
            return method;
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--methods: '{text}': {e.Message}");
        }
    }

    /// <summary>Parses a comma-separated list, rejecting duplicates.</summary>
    public static IReadOnlyList<EvaluateMethod> ParseList(string list)
    {
        var methods = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
        if (methods.Count == 0)
            throw new CliException($"--methods is empty; give a comma-separated list such as {string.Join(",", Defaults)}");
        var duplicate = methods.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new CliException($"--methods lists '{duplicate.Key}' twice");
        return methods;
    }

    /// <summary>
    /// Compresses and decompresses (or quantizes and dequantizes) the tensor and measures the
    /// error. Bits per value count the block stream, or the codes plus scales and offsets; file
    /// headers are not counted. <paramref name="progress"/> receives values done.
    /// </summary>
    public EvaluateResult Run(Tensor tensor, Action<long>? progress = null)
    {
        var values = tensor.Values;
        var accumulator = new ErrorAccumulator();
        var watch = new Stopwatch();
        long storedBits;
        if (Codec is { } codec)
        {
            for (int start = 0; start < values.Length; start += ChunkValues)
            {
                var chunk = values.AsSpan(start, Math.Min(ChunkValues, values.Length - start));
                watch.Start();
                var stream = codec.Compress(chunk, out _);
                var back = codec.Decompress(stream, chunk.Length);
                watch.Stop();
                accumulator.Add(chunk, back);
                progress?.Invoke(chunk.Length);
            }
            storedBits = 8 * codec.CompressedBytes(values.Length);
        }
        else
        {
            watch.Start();
            var quantized = Reference.Quantization.Quantizer.Quantize(values, tensor.Shape, Quantizer!);
            var back = Reference.Quantization.Quantizer.Dequantize(quantized);
            watch.Stop();
            accumulator.Add(values, back);
            storedBits = quantized.StoredBits;
            progress?.Invoke(values.Length);
        }
        return new EvaluateResult(Name, accumulator.Result(storedBits), watch.Elapsed.TotalMilliseconds);
    }

    private static int Number(string digits, string method) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new CliException($"--methods: '{method}': {digits} is too large a number for any parameter");

    private static QuantizationGranularity Granularity(string text) =>
        text == "channel" ? QuantizationGranularity.PerChannel : QuantizationGranularity.PerTensor;

    [GeneratedRegex(@"^zfpe-b(\d+)(?:-e(\d+))?$")]
    private static partial Regex ZfpePattern();

    [GeneratedRegex(@"^zfp-r(\d+(?:\.\d+)?)$")]
    private static partial Regex ZfpPattern();

    [GeneratedRegex(@"^int(\d+)-(asym|sym)-(tensor|channel)$")]
    private static partial Regex UniformPattern();

    [GeneratedRegex(@"^pow2-(\d+)-(tensor|channel)$")]
    private static partial Regex PowerOfTwoPattern();
}
