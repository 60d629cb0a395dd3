using System.Diagnostics;
using System.Globalization;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Metrics;
using Zfpe.Reference.Quantization;

namespace Zfpe.Cli.Tests;

/// <summary>
/// zfpe evaluate compares honestly: ZFP in the tensor's dimensionality and flat, labelled;
/// per-channel baselines along --axis and only where there are channels; NaN and ±Inf under each
/// codec's policy with exact warnings; float64 overflow named; memory a small multiple of the input.
/// </summary>
public sealed class EvaluateComparisonTests : TempDirectoryTest
{
    private string Npy(string name, float[] values, long[] shape, TensorDType dtype = TensorDType.Float32)
    {
        string path = Dir.File(name);
        NpyFile.Write(path, new Tensor(values, shape, dtype));
        return path;
    }

    private Dictionary<string, EvaluateCommandTests.Row> Evaluate(string input, params string[] options)
    {
        string csv = Dir.File("table.csv");
        var result = ZfpeCli.Run(["evaluate", "--in", input, "--csv", csv, .. options]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return EvaluateCommandTests.ParseCsv(csv);
    }

    /// <summary>A smooth field: what ZFP users compress as 2-D arrays.</summary>
    private static float[] Smooth(int ny, int nx) =>
        Enumerable.Range(0, ny * nx).Select(i => (float)(Math.Sin(i % nx * 0.05) * Math.Cos(i / nx * 0.03) + 0.2 * Math.Sin((i % nx + i / nx) * 0.02))).ToArray();

    [Fact]
    public void Zfp_runs_in_the_tensors_dimensionality_beside_the_labelled_flat_row()
    {
        var values = Smooth(256, 256);
        var rows = Evaluate(Npy("field.npy", values, [256, 256]), "--methods", "zfp-r8,zfp-r8-1d,zfpe-b5");
        Assert.Equal("2-D 256x256 in 4x4 blocks", rows["zfp-r8"].Layout);
        Assert.Equal("1-D 65536 in 4-value blocks", rows["zfp-r8-1d"].Layout);
        Assert.Equal("1-D 65536 in 4-value blocks", rows["zfpe-b5"].Layout);

        // The rows measure exactly what the reference codec does in 2-D and flat.
        var p = new ZfpParameters(8);
        var field = ZfpField.TwoD(256, 256);
        var twoD = ZfpCodec.Decompress(ZfpCodec.Compress(values, field, p, out _), field, p);
        Assert.Equal(ErrorStatistics.Rmse(values, twoD), rows["zfp-r8"].Rmse, 1e-15);
        var flat = ZfpCodec.Decompress(ZfpCodec.Compress(values, p), values.Length, p);
        Assert.Equal(ErrorStatistics.Rmse(values, flat), rows["zfp-r8-1d"].Rmse, 1e-15);
        // On a smooth field, ZFP in 2-D is far better than the flat row shown before.
        Assert.True(rows["zfp-r8"].Psnr > rows["zfp-r8-1d"].Psnr + 20, $"2-D {rows["zfp-r8"].Psnr} dB, 1-D {rows["zfp-r8-1d"].Psnr} dB");
    }

    [Theory]
    [InlineData(new long[] { 6, 5, 7 }, "3-D 6x5x7 in 4x4x4 blocks")]
    [InlineData(new long[] { 2, 3, 5, 7 }, "3-D 6x5x7 in 4x4x4 blocks (the 2 leading axes folded into one)")]
    [InlineData(new long[] { 1, 35, 1, 6 }, "2-D 35x6 in 4x4 blocks (size-1 axes dropped)")]
    [InlineData(new long[] { 210 }, "1-D 210 in 4-value blocks")]
    public void Higher_ranks_are_folded_and_the_layout_says_how(long[] shape, string layout)
    {
        var values = Smooth(14, 15);
        var rows = Evaluate(Npy("t.npy", values, shape), "--methods", "zfp-r12");
        Assert.Equal(layout, rows["zfp-r12"].Layout);
        // Folding is a reshape: the same values coded as the folded field.
        var field = ZfpField.Fold(shape);
        var p = new ZfpParameters(12);
        var back = ZfpCodec.Decompress(ZfpCodec.Compress(values, field, p, out _), field, p);
        Assert.Equal(ErrorStatistics.Rmse(values, back), rows["zfp-r12"].Rmse, 1e-15);
        Assert.Equal(8.0 * ZfpCodec.CompressedBytes(field, p) / values.Length, rows["zfp-r12"].BitsPerValue, 1e-12);
    }

    [Fact]
    public void Per_channel_rows_follow_the_axis_option()
    {
        // Shape (4, 3, 5): scales differ along axis 1 (1, 100, 10000), so per-channel along axis 1 beats axis 0.
        var values = Enumerable.Range(0, 60).Select(i => (float)(Math.Sin(i) * Math.Pow(100, i / 5 % 3))).ToArray();
        long[] shape = [4, 3, 5];
        string input = Npy("w.npy", values, shape);
        var axis0 = Evaluate(input, "--methods", "int8-sym-channel");
        var axis1 = Evaluate(input, "--methods", "int8-sym-channel", "--axis", "1");
        var last = Evaluate(input, "--methods", "int8-sym-channel", "--axis", "-2");
        Assert.Equal("axis 0: 4 channels", axis0["int8-sym-channel"].Layout);
        Assert.Equal("axis 1: 3 channels", axis1["int8-sym-channel"].Layout);
        Assert.Equal(axis1["int8-sym-channel"].Rmse, last["int8-sym-channel"].Rmse);
        var reference = Quantizer.RoundTrip(values, shape, new QuantizerParameters(QuantizationScheme.UniformSymmetric, 8, QuantizationGranularity.PerChannel, Axis: 1));
        Assert.Equal(ErrorStatistics.Rmse(values, reference), axis1["int8-sym-channel"].Rmse, 1e-15);
        Assert.Equal(8 + 3 * 32.0 / 60, axis1["int8-sym-channel"].BitsPerValue, 1e-12);
        // Channels along axis 1 have their own scales, so the small ones keep their precision.
        Assert.True(axis1["int8-sym-channel"].RelMean < axis0["int8-sym-channel"].RelMean / 10, $"{axis1["int8-sym-channel"].RelMean} vs {axis0["int8-sym-channel"].RelMean}");

        var bad = ZfpeCli.Run("evaluate", "--in", input, "--axis", "3");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("error: --axis 3 is out of range for a tensor of rank 3: allowed -3..2 (negative counts from the last axis)\n", bad.Stderr);
    }

    [Fact]
    public void A_tensor_without_channels_gets_no_per_channel_rows()
    {
        string input = Npy("v.npy", Smooth(1, 100), [100]);
        var result = ZfpeCli.Run("evaluate", "--in", input);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("-channel", result.Stdout);
        Assert.DoesNotContain("-1d", result.Stdout);
        TextAssert.ContainsAll(result.Stderr,
            $"note: per-channel rows left out: {input} has rank 1, so it has no channel axis",
            "note: zfp-r8-1d, zfp-r12-1d left out: the tensor is 1-D, so zfp-r<R> already codes it flat in blocks of 4");

        var named = ZfpeCli.Run("evaluate", "--in", input, "--methods", "int8-sym-tensor,int8-asym-channel");
        Assert.Equal(2, named.ExitCode);
        Assert.Equal($"error: --methods: int8-asym-channel quantize per channel, but {input} has rank 1, so it has no channel axis; use the -tensor methods\n", named.Stderr);
    }

    [Fact]
    public void Non_finite_values_are_evaluated_under_each_codecs_policy_with_an_exact_warning()
    {
        float[] values = [1f, float.PositiveInfinity, 2f, 3f, float.NaN, 0.5f, 0.25f, 0.125f, -1f, -2f, float.NegativeInfinity, 4f, 5f, 6f, 7f, 8f];
        string input = Dir.File("nf.f32");
        RawF32File.Write(input, values);
        string csv = Dir.File("nf.csv");
        var result = ZfpeCli.Run("evaluate", "--in", input, "--methods", "zfpe-b5,zfp-r8,int8-sym-tensor", "--csv", csv);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"warning: {input} holds 3 values that are not finite: 1 NaN, 1 +Inf, 1 -Inf (the first at index 1). " +
                        "The errors below are over the 13 finite values (and include what the others do to the values that share their blocks). " +
                        "ZFPe codes NaN as 0 and ±Inf as ±FLT_MAX, and FLT_MAX then sets the block exponent of its block; " +
                        "ZFP, which leaves them undefined, gets the same replacement here (NaN as 0, ±Inf as ±FLT_MAX), and zfp's float32 decoding may round FLT_MAX up to ±inf; " +
                        "the int and pow2 baselines fit their ranges to the finite values only and have no code for the others (docs/zfpe-format.md §6).", result.Stderr);

        var rows = EvaluateCommandTests.ParseCsv(csv);
        var finite = values.Select((v, i) => (v, i)).Where(t => float.IsFinite(t.v)).Select(t => t.i).ToArray();
        var zfpe = ContainerCodec.ForZfpe(new ZfpeParameters());
        var back = zfpe.Decompress(zfpe.Compress(values, out bool replaced), values.Length);
        Assert.True(replaced);
        Assert.Equal(ErrorStatistics.Rmse(finite.Select(i => values[i]).ToArray(), finite.Select(i => back[i]).ToArray()), rows["zfpe-b5"].Rmse, 1e-12);
        Assert.Equal(8.0, rows["zfpe-b5"].BitsPerValue);
        // The block holding +Inf: its other values are coded against FLT_MAX and lose everything.
        Assert.True(rows["zfpe-b5"].MaxError >= 3, $"max error {rows["zfpe-b5"].MaxError}");
        // The baseline's range ignores the infinities: 8-bit error on [-2, 8].
        Assert.True(rows["int8-sym-tensor"].MaxError < 8.0 / 127, $"max error {rows["int8-sym-tensor"].MaxError}");
    }

    [Fact]
    public void Float64_values_beyond_float32_are_named_in_the_warning()
    {
        string input = Dir.File("big.npy");
        // A float64 .npy holding 1e300 at index 2 and -1e39 at index 5, written by hand.
        using (var stream = new MemoryStream())
        {
            NpyFile.Write(stream, new Tensor(new float[8], [8], TensorDType.Float64));
            var bytes = stream.ToArray();
            int data = bytes.Length - 64;
            BitConverter.GetBytes(1e300).CopyTo(bytes, data + 16);
            BitConverter.GetBytes(-1e39).CopyTo(bytes, data + 40);
            BitConverter.GetBytes(0.5).CopyTo(bytes, data);
            File.WriteAllBytes(input, bytes);
        }
        var result = ZfpeCli.Run("evaluate", "--in", input, "--methods", "zfpe-b5");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{input} holds 2 values that are not finite: 1 +Inf, 1 -Inf (the first at index 2); " +
                        "2 of the infinities were finite float64 values beyond float32's range (|x| > 3.4028235E+38; the first at index 2), which became ±Inf when read as float32", result.Stderr);

        var compress = ZfpeCli.Run("compress", "--in", input, "--out", Dir.File("big.zfpe"));
        Assert.True(compress.ExitCode == 0, compress.ToString());
        Assert.Contains("2 of the infinities were finite float64 values beyond float32's range", compress.Stderr);
    }

    [Fact]
    public void Evaluate_memory_stays_within_a_few_times_the_input()
    {
        // 6 M values (24 MB): the peak resident size above a run on a tiny tensor must stay under
        // four times the input (it was about twelve times before the methods streamed).
        const int rows = 6000, columns = 1000;
        var values = new float[rows * columns];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(Math.Sin(i * 0.001) * (1 + i % 7 * 0.01));
        string big = Npy("big.npy", values, [rows, columns]), tiny = Npy("tiny.npy", values[..64], [8, 8]);
        long baseline = PeakKilobytes("evaluate", "--in", tiny);
        long peak = PeakKilobytes("evaluate", "--in", big);
        long input = 4L * values.Length / 1024;
        Assert.True(peak - baseline < 4 * input, $"peak {peak} KB, {baseline} KB for a tiny tensor, input {input} KB");
    }

    /// <summary>The peak resident set size of a zfpe run, as GNU time reports it.</summary>
    private static long PeakKilobytes(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "zfpe.dll");
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-f", "peak %M", Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", dll }.Concat(args))
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
        string line = stderr.Split('\n').Last(l => l.StartsWith("peak ", StringComparison.Ordinal));
        return long.Parse(line[5..], CultureInfo.InvariantCulture);
    }
}
