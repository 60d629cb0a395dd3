using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Files;
using Zfpe.Reference.Metrics;
using Zfpe.Reference.Quantization;

namespace Zfpe.Reference.Evaluation;

/// <summary>
/// A method of <c>zfpe evaluate</c>, named as on its command line: a codec (zfpe-b5, zfpe-b5-e9,
/// zfpe-b5-s30-nearest, the preset zfpe+ and zfpe+-b9, zfp-r8 in the tensor's dimensionality, zfp-r8-1d flat) or a quantization baseline
/// (int8-asym-tensor, int8-sym-channel, pow2-8-tensor). Every method streams the tensor in chunks
/// through reused buffers, so memory stays a small multiple of the tensor.
/// </summary>
public sealed partial class EvaluateMethod
{
    /// <summary>The default comparison: ZFPe at the 8- and 12-bit budgets (the authors' settings and ZFPe+), ZFP at the same rates (in the tensor's dimensionality and flat), the int8 baselines and 8-bit power of two.</summary>
    public static IReadOnlyList<string> Defaults { get; } =
    [
        "zfpe-b5", "zfpe+", "zfpe-b9", "zfpe+-b9", "zfp-r8", "zfp-r8-1d", "zfp-r12", "zfp-r12-1d",
        "int8-asym-tensor", "int8-asym-channel", "int8-sym-tensor", "int8-sym-channel",
        "pow2-8-tensor",
    ];

    /// <summary>The naming rules, for --help and error messages.</summary>
    public const string Grammar =
        "zfpe-b<N>[-e9][-s<S>][-truncate|-nearest] (ZFPe, b = N payload bits, exponent-bits 8 or with -e9 9, split S (default 28), the encoder's rounding (default truncate)), " +
        "zfpe+[-b<N>] (the ZFPe+ preset: ZFPe with split 30 and nearest rounding, b = N or 5), " +
        "zfp-r<R>[-1d] (ZFP fixed rate R bits/value in the tensor's dimensionality, up to 3-D with leading axes folded; with -1d as a flat array in blocks of 4, like ZFPe), " +
        "int<N>-<asym|sym>-<tensor|channel> (uniform N-bit quantization, per tensor or per channel along --axis), " +
        "pow2-<N>-<tensor|channel> (power-of-two quantization in N bits)";

    /// <summary>Values per chunk: a multiple of 64 so every chunk is whole blocks; blocks are independent, so results equal one pass.</summary>
    public const int ChunkValues = 1 << 20;

    private EvaluateMethod(string name, ContainerCodec? flatCodec, ZfpParameters? tensorZfp, QuantizerParameters? quantizer)
    {
        Name = name;
        FlatCodec = flatCodec;
        TensorZfp = tensorZfp;
        Quantizer = quantizer;
    }

    public string Name { get; }

    /// <summary>A codec that sees the tensor as a flat array in blocks of 4 (ZFPe, and ZFP with -1d).</summary>
    public ContainerCodec? FlatCodec { get; }

    /// <summary>ZFP in the tensor's own dimensionality (zfp-r&lt;R&gt;).</summary>
    public ZfpParameters? TensorZfp { get; }

    /// <summary>The quantizer, for baseline methods.</summary>
    public QuantizerParameters? Quantizer { get; }

    public bool IsPerChannel => Quantizer?.Granularity == QuantizationGranularity.PerChannel;

    /// <summary>The codec family, for the non-finite policy; null for the baselines.</summary>
    public CodecKind? CodecKind => FlatCodec?.Kind ?? (TensorZfp is null ? null : Reference.Files.CodecKind.Zfp);

    /// <summary>Parses a method name; unknown names and out-of-range parameters throw a <see cref="ArgumentException"/> saying what is allowed.</summary>
    public static EvaluateMethod Parse(string text)
    {
        string name = text.Trim().ToLowerInvariant();
        try
        {
            EvaluateMethod method;
            if (ZfpePattern().Match(name) is { Success: true } zfpe)
            {
                int exponentBits = zfpe.Groups[2].Success ? Number(zfpe.Groups[2].Value, text) : 8;
                int split = zfpe.Groups[3].Success ? Number(zfpe.Groups[3].Value, text) : new ZfpeParameters().Split;
                var rounding = zfpe.Groups[4].Success ? ZfpeParameters.ParseRounding(zfpe.Groups[4].Value) : ZfpeRounding.Truncate;
                method = new(name, ContainerCodec.ForZfpe(new ZfpeParameters(Number(zfpe.Groups[1].Value, text), exponentBits, split, rounding)), null, null);
            }
            else if (ZfpePlusPattern().Match(name) is { Success: true } plus)
            {
                int b = plus.Groups[1].Success ? Number(plus.Groups[1].Value, text) : new ZfpeParameters().B;
                method = new(name, ContainerCodec.ForZfpe(ZfpeParameters.Plus(b)), null, null);
            }
            else if (ZfpPattern().Match(name) is { Success: true } zfp)
            {
                var parameters = new ZfpParameters(double.Parse(zfp.Groups[1].Value, CultureInfo.InvariantCulture));
                method = zfp.Groups[2].Success ? new(name, ContainerCodec.ForZfp(parameters), null, null) : new(name, null, parameters, null);
            }
            else if (UniformPattern().Match(name) is { Success: true } uniform)
            {
                var scheme = uniform.Groups[2].Value == "asym" ? QuantizationScheme.UniformAsymmetric : QuantizationScheme.UniformSymmetric;
                method = new(name, null, null, new QuantizerParameters(scheme, Number(uniform.Groups[1].Value, text), Granularity(uniform.Groups[3].Value)));
            }
            else if (PowerOfTwoPattern().Match(name) is { Success: true } pow2)
            {
                method = new(name, null, null, new QuantizerParameters(QuantizationScheme.PowerOfTwo, Number(pow2.Groups[1].Value, text), Granularity(pow2.Groups[2].Value)));
            }
            else
            {
                throw new MethodNameException($"--methods: '{text}' is not a method; methods are {Grammar}");
            }
            method.FlatCodec?.Validate();
            method.TensorZfp?.Validate();
            method.Quantizer?.Validate();
            return method;
        }
        catch (ArgumentException e) when (e is not MethodNameException)
        {
            // A codec's or quantizer's own validation: say which method it came from.
            throw new MethodNameException($"--methods: '{text}': {e.Message}");
        }
    }

    /// <summary>Parses a comma-separated list, rejecting duplicates.</summary>
    public static IReadOnlyList<EvaluateMethod> ParseList(string list)
    {
        var methods = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
        if (methods.Count == 0)
            throw new ArgumentException($"--methods is empty; give a comma-separated list such as {string.Join(",", Defaults)}");
        var duplicate = methods.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new ArgumentException($"--methods lists '{duplicate.Key}' twice");
        return methods;
    }

    /// <summary>What the method works on for this input: its blocks, or its groups.</summary>
    public string Layout(EvaluateInput input)
    {
        if (TensorZfp is not null)
            return input.FieldDescription;
        if (FlatCodec is not null)
            return $"1-D {input.Tensor.Values.Length} in 4-value blocks";
        if (!IsPerChannel)
            return "one group: the whole tensor";
        return $"axis {input.Axis}: {input.Tensor.Shape[input.Axis!.Value]} channels";
    }

    /// <summary>
    /// Compresses and decompresses (or quantizes and dequantizes) the tensor and measures the
    /// error over its finite values. Bits per value count the block stream, or the codes plus
    /// scales and offsets; file headers are not counted. <paramref name="progress"/> receives values done.
    /// </summary>
    public EvaluateResult Run(EvaluateInput input, Action<long>? progress = null)
    {
        var accumulator = new ErrorAccumulator();
        var watch = new Stopwatch();
        long storedBits = RoundTrip(input, watch, (_, chunk, decoded) =>
        {
            accumulator.Add(chunk, decoded);
            progress?.Invoke(chunk.Length);
        });
        return new EvaluateResult(Name, Layout(input), accumulator.Result(storedBits), watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>The tensor as it comes back from the method (decoded, or dequantized): what a consumer of the stored tensor computes with.</summary>
    public float[] RoundTrip(EvaluateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = new float[input.Tensor.Values.Length];
        RoundTrip(input, new Stopwatch(), (start, _, decoded) => decoded.CopyTo(result.AsSpan((int)start)));
        return result;
    }

    /// <summary>Receives each chunk of the tensor (at value <paramref name="start"/>) and its round trip.</summary>
    private delegate void ChunkSink(long start, ReadOnlySpan<float> original, ReadOnlySpan<float> decoded);

    /// <summary>Round-trips the tensor chunk by chunk into <paramref name="sink"/>, timing the codec with <paramref name="watch"/>; returns the stored bits.</summary>
    private long RoundTrip(EvaluateInput input, Stopwatch watch, ChunkSink sink)
    {
        var values = input.Tensor.Values;
        if (FlatCodec is { } codec)
        {
            var stream = new byte[codec.CompressedBytes(Math.Min(ChunkValues, values.Length))];
            var back = new float[Math.Min(ChunkValues, values.Length)];
            for (int start = 0; start < values.Length; start += ChunkValues)
            {
                var chunk = values.AsSpan(start, Math.Min(ChunkValues, values.Length - start));
                var decoded = back.AsSpan(0, chunk.Length);
                watch.Start();
                int length = codec.Compress(chunk, stream, out _);
                codec.Decompress(stream.AsSpan(0, length), decoded);
                watch.Stop();
                sink(start, chunk, decoded);
            }
            return 8 * codec.CompressedBytes(values.Length);
        }
        if (TensorZfp is { } zfp)
            return 8 * RunField(input.Field, zfp, values, watch, sink);

        watch.Start();
        var fit = Reference.Quantization.Quantizer.Fit(values, input.Tensor.Shape, Quantizer! with { Axis = input.Axis ?? 0 });
        watch.Stop();
        var buffer = new float[Math.Min(ChunkValues, values.Length)];
        for (int start = 0; start < values.Length; start += ChunkValues)
        {
            var chunk = values.AsSpan(start, Math.Min(ChunkValues, values.Length - start));
            var decoded = buffer.AsSpan(0, chunk.Length);
            watch.Start();
            fit.RoundTrip(chunk, start, decoded);
            watch.Stop();
            sink(start, chunk, decoded);
        }
        return fit.StoredBits;
    }

    /// <summary>
    /// ZFP over a 2-D or 3-D field, slab by slab: a slab is 4 rows (2-D) or 4 planes (3-D), whole
    /// blocks that code independently of the rest; returns the bytes of the whole field's stream.
    /// </summary>
    private static long RunField(ZfpField field, ZfpParameters p, float[] values, Stopwatch watch, ChunkSink sink)
    {
        long slabLength = field.Dimensions switch { 1 => 4, 2 => 4 * field.Nx, _ => 4 * field.Nx * field.Ny };
        long outer = field.Dimensions switch { 1 => field.Nx, 2 => field.Ny, _ => field.Nz };
        long perSlab = slabLength / 4;
        long slabsPerChunk = Math.Max(1, ChunkValues / Math.Max(1, slabLength));
        float[]? back = null;
        byte[]? stream = null;
        for (long first = 0; first < outer; first += 4 * slabsPerChunk)
        {
            long count = Math.Min(4 * slabsPerChunk, outer - first);
            var chunkField = field.Dimensions switch
            {
                1 => ZfpField.OneD(count),
                2 => ZfpField.TwoD(field.Nx, count),
                _ => ZfpField.ThreeD(field.Nx, field.Ny, count),
            };
            var chunk = values.AsSpan((int)(first * perSlab), (int)chunkField.Count);
            back ??= new float[chunkField.Count];
            stream ??= new byte[ZfpCodec.CompressedBytes(chunkField, p)];
            var decoded = back.AsSpan(0, chunk.Length);
            watch.Start();
            int length = ZfpCodec.Compress(chunk, chunkField, stream, p, out _);
            ZfpCodec.Decompress(stream.AsSpan(0, length), chunkField, decoded, p);
            watch.Stop();
            sink(first * perSlab, chunk, decoded);
        }
        return ZfpCodec.CompressedBytes(field, p);
    }

    private static int Number(string digits, string method) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new MethodNameException($"--methods: '{method}': {digits} is too large a number for any parameter");

    /// <summary>A bad method name, with a message that already says which: not wrapped again.</summary>
    private sealed class MethodNameException(string message) : ArgumentException(message);

    private static QuantizationGranularity Granularity(string text) =>
        text == "channel" ? QuantizationGranularity.PerChannel : QuantizationGranularity.PerTensor;

    [GeneratedRegex(@"^zfpe-b(\d+)(?:-e(\d+))?(?:-s(\d+))?(?:-(truncate|nearest))?$")]
    private static partial Regex ZfpePattern();

    [GeneratedRegex(@"^zfpe\+(?:-b(\d+))?$")]
    private static partial Regex ZfpePlusPattern();

    [GeneratedRegex(@"^zfp-r(\d+(?:\.\d+)?)(-1d)?$")]
    private static partial Regex ZfpPattern();

    [GeneratedRegex(@"^int(\d+)-(asym|sym)-(tensor|channel)$")]
    private static partial Regex UniformPattern();

    [GeneratedRegex(@"^pow2-(\d+)-(tensor|channel)$")]
    private static partial Regex PowerOfTwoPattern();
}
