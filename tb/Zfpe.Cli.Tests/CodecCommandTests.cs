using Zfpe.Reference.Codecs;

namespace Zfpe.Cli.Tests;

public class CodecCommandTests : TempDirectoryTest
{
    private static float[] Values(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(i => (float)((random.NextDouble() - 0.5) * Math.Exp(random.NextDouble() * 6 - 3))).ToArray();
    }

    private static ContainerCodec CodecOf(string[] options)
    {
        string codec = "zfpe";
        int b = 5, exponentBits = 8, split = 28;
        var rounding = ZfpeRounding.Truncate;
        double rate = 8;
        for (int i = 0; i < options.Length; i += 2)
        {
            switch (options[i])
            {
                case "--codec": codec = options[i + 1]; break;
                case "--b": b = int.Parse(options[i + 1]); break;
                case "--exponent-bits": exponentBits = int.Parse(options[i + 1]); break;
                case "--split": split = int.Parse(options[i + 1]); break;
                case "--rounding": rounding = ZfpeParameters.ParseRounding(options[i + 1]); break;
                case "--rate": rate = double.Parse(options[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
            }
        }
        return codec switch
        {
            "zfp" => ContainerCodec.ForZfp(new ZfpParameters(rate)),
            "zfpe+" => ContainerCodec.ForZfpe(ZfpeParameters.Plus(b)),
            _ => ContainerCodec.ForZfpe(new ZfpeParameters(b, exponentBits, split, rounding)),
        };
    }

    public static TheoryData<string, string> RoundTrips()
    {
        var data = new TheoryData<string, string>();
        foreach (var ext in new[] { ".npy", ".f32" })
        {
            foreach (var codec in new[] { "--codec zfpe", "--b 9", "--b 5 --exponent-bits 9", "--split 30 --rounding nearest", "--codec zfpe+", "--codec zfpe+ --b 9",
                         "--codec zfp --rate 8", "--codec zfp --rate 12.5" })
                data.Add(ext, codec);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void Containers_round_trip_bit_exactly_against_the_reference(string extension, string codecOptions)
    {
        var options = codecOptions.Split(' ');
        var codec = CodecOf(options);
        var values = Values(203, extension.Length + codecOptions.Length);
        var shape = extension == ".npy" ? new long[] { 7, 29 } : new long[] { 203 };
        string input = Dir.File("in" + extension), packed = Dir.File("packed.zfpe"), output = Dir.File("out" + extension);
        if (extension == ".npy")
            NpyFile.Write(input, new Tensor(values, shape));
        else
            RawF32File.Write(input, values);

        var compress = ZfpeCli.Run(["compress", "--in", input, "--out", packed, .. options]);
        Assert.True(compress.ExitCode == 0, compress.ToString());
        Assert.Contains(codec.ToString(), compress.Stdout);
        var contents = ZfpeContainer.Read(packed);
        Assert.Equal(codec, contents.Codec);
        Assert.Equal(shape, contents.Shape);
        Assert.Equal(codec.Compress(values, out _), contents.Payload);

        var decompress = ZfpeCli.Run("decompress", "--in", packed, "--out", output);
        Assert.True(decompress.ExitCode == 0, decompress.ToString());
        var back = extension == ".npy" ? NpyFile.Read(output) : RawF32File.Read(output);
        Assert.Equal(shape, back.Shape);
        Assert.Equal(codec.Decompress(codec.Compress(values, out _), values.Length), back.Values);
    }

    public static TheoryData<string, string> RawStreamOptions => new()
    {
        { ".npy", "--codec zfpe --b 5" },
        { ".f32", "--codec zfpe --b 13 --split 30" },
        { ".npy", "--codec zfpe+" },
        { ".npy", "--codec zfp --rate 12" },
        { ".f32", "--codec zfp --rate 8" },
    };

    [Theory]
    [MemberData(nameof(RawStreamOptions))]
    public void Raw_streams_round_trip_with_the_count_and_codec_options(string extension, string codecOptions)
    {
        var options = codecOptions.Split(' ');
        var codec = CodecOf(options);
        var values = Values(101, 3);
        string input = Dir.File("in" + extension), raw = Dir.File("stream.bin"), output = Dir.File("out" + extension);
        if (extension == ".npy")
            NpyFile.Write(input, new Tensor(values, [101]));
        else
            RawF32File.Write(input, values);

        var compress = ZfpeCli.Run(["compress", "--in", input, "--out", raw, "--raw", .. options]);
        Assert.True(compress.ExitCode == 0, compress.ToString());
        Assert.Equal(codec.Compress(values, out _), File.ReadAllBytes(raw));

        var decompress = ZfpeCli.Run(["decompress", "--in", raw, "--out", output, "--raw", "--count", "101", .. options]);
        Assert.True(decompress.ExitCode == 0, decompress.ToString());
        var back = extension == ".npy" ? NpyFile.Read(output) : RawF32File.Read(output);
        Assert.Equal(codec.Decompress(File.ReadAllBytes(raw), 101), back.Values);
    }

    [Fact]
    public void Float64_inputs_come_back_as_float64_with_their_shape()
    {
        string input = Dir.File("in.npy"), packed = Dir.File("p.zfpe"), output = Dir.File("out.npy");
        NpyFile.Write(input, new Tensor(Values(24, 5), [2, 3, 4], TensorDType.Float64));
        Assert.Equal(0, ZfpeCli.Run("compress", "--in", input, "--out", packed, "--b", "9").ExitCode);
        Assert.Equal(0, ZfpeCli.Run("decompress", "--in", packed, "--out", output).ExitCode);
        var back = NpyFile.Read(output);
        Assert.Equal(TensorDType.Float64, back.DType);
        Assert.Equal(new long[] { 2, 3, 4 }, back.Shape);
    }

    [Theory]
    [InlineData("--codec zfpe", "ZFPe codes NaN as 0 and ±Inf as ±FLT_MAX, and FLT_MAX then sets the block exponent of its block (docs/zfpe-format.md §6); " +
        "here they decode as: +Inf as 3.083809E+38; NaN as 0.171875; the 6 finite values sharing their 2 blocks with them come back with errors up to 3.19E+37", "3.083809E+38")]
    [InlineData("--codec zfp --rate 8", "ZFP, which leaves them undefined, gets the same replacement here (NaN as 0, ±Inf as ±FLT_MAX), and zfp's float32 decoding may round FLT_MAX up to ±inf (docs/zfpe-format.md §6); " +
        "here they decode as: +Inf as +inf; NaN as -0.0625; the 6 finite values sharing their 2 blocks with them come back with errors up to 4", "Infinity")]
    public void Non_finite_inputs_are_compressed_with_a_warning_that_says_what_came_back(string codec, string effect, string infinityBack)
    {
        string input = Dir.File("in.f32"), packed = Dir.File("p.zfpe"), output = Dir.File("out.f32");
        RawF32File.Write(input, new[] { 1f, float.NaN, 0.5f, -2f, float.PositiveInfinity, 3f, 0.25f, 4f });
        var result = ZfpeCli.Run(["compress", "--in", input, "--out", packed, .. codec.Split(' ')]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"warning: {input} holds 2 values that are not finite: 1 NaN, 1 +Inf (the first at index 1). {effect}\n", result.Stderr);
        Assert.Equal(0, ZfpeCli.Run("decompress", "--in", packed, "--out", output).ExitCode);
        Assert.Equal(infinityBack, RawF32File.Read(output).Values[4].ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private (string Packed, string Input) CompressedSample()
    {
        string input = Dir.File("in.npy"), packed = Dir.File("p.zfpe");
        NpyFile.Write(input, new Tensor(Values(64, 9), [8, 8]));
        var result = ZfpeCli.Run("compress", "--in", input, "--out", packed);
        Assert.True(result.ExitCode == 0, result.ToString());
        return (packed, input);
    }

    private static void AssertFailed(ProcessResult result, string message, string? output)
    {
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains(message, result.Stderr);
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        if (output != null)
            Assert.False(File.Exists(output), $"{output} was created although the command failed");
    }

    [Fact]
    public void A_corrupt_container_is_rejected_and_nothing_is_written()
    {
        var (packed, _) = CompressedSample();
        var bytes = File.ReadAllBytes(packed);
        bytes[^3] ^= 0x40;
        File.WriteAllBytes(packed, bytes);
        string output = Dir.File("out.npy");
        AssertFailed(ZfpeCli.Run("decompress", "--in", packed, "--out", output), "payload checksum mismatch", output);

        bytes[^3] ^= 0x40;
        bytes[20] ^= 1;
        File.WriteAllBytes(packed, bytes);
        AssertFailed(ZfpeCli.Run("decompress", "--in", packed, "--out", output), "header checksum mismatch at byte offset", output);
    }

    [Fact]
    public void A_truncated_container_is_rejected_and_nothing_is_written()
    {
        var (packed, _) = CompressedSample();
        var bytes = File.ReadAllBytes(packed);
        File.WriteAllBytes(packed, bytes[..^5]);
        string output = Dir.File("out.f32");
        AssertFailed(ZfpeCli.Run("decompress", "--in", packed, "--out", output), "truncated payload", output);
    }

    [Fact]
    public void A_failed_decompress_leaves_an_existing_output_untouched()
    {
        var (packed, _) = CompressedSample();
        File.WriteAllBytes(packed, File.ReadAllBytes(packed)[..30]);
        string output = Dir.File("keep.npy");
        File.WriteAllText(output, "previous result");
        var result = ZfpeCli.Run("decompress", "--in", packed, "--out", output);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("truncated .zfpe container", result.Stderr);
        Assert.Equal("previous result", File.ReadAllText(output));
    }

    [Fact]
    public void A_truncated_npy_input_is_rejected_and_nothing_is_written()
    {
        var (_, input) = CompressedSample();
        File.WriteAllBytes(input, File.ReadAllBytes(input)[..^7]);
        string output = Dir.File("x.zfpe");
        AssertFailed(ZfpeCli.Run("compress", "--in", input, "--out", output), "truncated .npy data", output);
    }

    public static TheoryData<string, string> BadCodecOptions => new()
    {
        { "--b 40", "b (payload bits) = 40 is out of range: allowed 1..28" },
        { "--b 0", "b (payload bits) = 0 is out of range: allowed 1..28" },
        { "--exponent-bits 10", "exponent-bits = 10 is not allowed: use 8" },
        { "--b 9 --split 8", "split = 8 is out of range" },
        { "--codec zfp --rate 40", "rate = 40 is out of range: allowed 1..32" },
        { "--codec lz4", "--codec 'lz4' is unknown: allowed zfpe, zfpe+, zfp" },
        { "--rounding up", "--rounding 'up' is unknown: allowed truncate, nearest" },
        { "--codec zfpe+ --split 28", "--split: --codec zfpe+ fixes exponent-bits 8, split 30 and rounding nearest" },
        { "--codec zfp --rounding nearest", "--rounding applies to --codec zfpe only" },
        { "--codec zfp --b 5", "--b applies to --codec zfpe only" },
        { "--rate 8", "--rate applies to --codec zfp only" },
    };

    [Theory]
    [MemberData(nameof(BadCodecOptions))]
    public void Bad_codec_options_are_rejected_naming_the_parameter_and_the_range(string options, string message)
    {
        var (_, input) = CompressedSample();
        string output = Dir.File("bad.zfpe");
        AssertFailed(ZfpeCli.Run(["compress", "--in", input, "--out", output, .. options.Split(' ')]), message, output);
    }

    [Fact]
    public void Raw_decompression_needs_the_count_and_a_matching_stream_size()
    {
        var (_, input) = CompressedSample();
        string raw = Dir.File("s.bin"), output = Dir.File("o.f32");
        Assert.Equal(0, ZfpeCli.Run("compress", "--in", input, "--out", raw, "--raw").ExitCode);
        AssertFailed(ZfpeCli.Run("decompress", "--in", raw, "--out", output, "--raw"), "--count is required with --raw", output);
        AssertFailed(ZfpeCli.Run("decompress", "--in", raw, "--out", output, "--raw", "--count", "100"),
            "the raw stream has 64 bytes but 100 values with zfpe b=5 exponent-bits=8 split=28 take 100", output);
    }

    [Fact]
    public void Codec_options_without_raw_are_rejected_because_the_container_records_them()
    {
        var (packed, _) = CompressedSample();
        string output = Dir.File("o.npy");
        AssertFailed(ZfpeCli.Run("decompress", "--in", packed, "--out", output, "--b", "9"), "--b: a container records its codec", output);
    }

    [Fact]
    public void Unknown_extensions_and_missing_inputs_are_rejected()
    {
        var (packed, input) = CompressedSample();
        AssertFailed(ZfpeCli.Run("decompress", "--in", packed, "--out", Dir.File("o.txt")), "unknown extension '.txt'", Dir.File("o.txt"));
        AssertFailed(ZfpeCli.Run("compress", "--in", Dir.File("none.npy"), "--out", Dir.File("n.zfpe")), "no such file", Dir.File("n.zfpe"));
        AssertFailed(ZfpeCli.Run("decompress", "--in", input, "--out", Dir.File("o.npy")), "not a .zfpe container", Dir.File("o.npy"));
    }
}
