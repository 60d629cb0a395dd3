namespace Zfpe.Cli.Tests;

/// <summary>
/// Numbers on the command line are read one way everywhere (invariant, no group separators,
/// finite), and a mistyped option is exit code 2 with a short message, not the whole help.
/// </summary>
public sealed class OptionParsingTests : TempDirectoryTest
{
    private static void AssertShortError(ProcessResult result, string message)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Contains($"error: {message}", result.Stderr);
        Assert.DoesNotContain("Usage:", result.Stderr);
        Assert.EndsWith("--help' for the options\n", result.Stderr);
        Assert.True(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 4, result.Stderr);
    }

    [Fact]
    public void A_decimal_comma_is_refused_where_it_used_to_read_as_fifteen()
    {
        string input = Dir.File("x.f32"), output = Dir.File("x.zfpe");
        RawF32File.Write(input, new float[16]);
        AssertShortError(ZfpeCli.Run("compress", "--in", input, "--out", output, "--codec", "zfp", "--rate", "1,5"),
            "--rate '1,5' is not a number: write the decimal point as '.', as in 1.5, and no group separators");
        Assert.False(File.Exists(output));

        var ok = ZfpeCli.Run("compress", "--in", input, "--out", output, "--codec", "zfp", "--rate", "1.5");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Equal(1.5, ZfpeContainer.Read(output).Codec.Zfp!.Rate);
    }

    public static TheoryData<string, string> NotPlainNumbers => new()
    {
        { "compress --in X --out Y --b 1,5", "--b '1,5' is not an integer: write digits only, without separators" },
        { "compress --in X --out Y --b 5.0", "--b '5.0' is not an integer: write digits only" },
        { "compress --in X --out Y --split 0x1c", "--split '0x1c' is not an integer" },
        { "compress --in X --out Y --codec zfp --rate NaN", "--rate 'NaN' is not a finite number" },
        { "compress --in X --out Y --codec zfp --rate 1e999", "--rate '1e999' is not a finite number" },
        { "compress --in X --out Y --codec zfp --rate 8_0", "--rate '8_0' is not a number" },
        { "decompress --in X --out Y.npy --raw --count 1e3", "--count '1e3' is not an integer" },
        { "decompress --in X --out Y.npy --raw --count 99999999999999999999", "--count 99999999999999999999 is too large: it does not fit in 64 bits" },
        { "sim compressor --in X --out Y --stall Infinity", "--stall 'Infinity' is not a finite number" },
        { "sim compressor --in X --out Y --seed 1,000", "--seed '1,000' is not an integer" },
        { "build --freq 100,5", "--freq '100,5' is not a number: write the decimal point as '.', as in 100.5" },
        { "sweep compressor --set b=5 --jobs two", "--jobs 'two' is not an integer" },
        { "host --timeout 1,5", "--timeout '1,5' is not a number" },
        { "bench codec --count 16M", "--count '16M' is not an integer" },
        { "compress --in X --out Y --b 99999999999", "--b 99999999999 is out of range: allowed -2147483648..2147483647" },
    };

    [Theory]
    [MemberData(nameof(NotPlainNumbers))]
    public void Every_numeric_option_refuses_what_is_not_a_plain_number(string command, string message)
    {
        var args = command.Split(' ').Select(a => a.Replace("X", Dir.File("in.f32")).Replace("Y", Dir.File("out"))).ToArray();
        AssertShortError(ZfpeCli.Run(args), message);
        Assert.Empty(Directory.GetFiles(Dir.Path));
    }

    [Theory]
    [InlineData("compress --in a.npy --out b.zfpe --bogus", "Unrecognized command or argument '--bogus'", "zfpe compress")]
    [InlineData("compress --in a.npy", "Option '--out' is required", "zfpe compress")]
    [InlineData("frobnicate", "Unrecognized command or argument 'frobnicate'", "zfpe")]
    [InlineData("bench codec --repeat", "Required argument missing for option: '--repeat'", "zfpe bench codec")]
    public void Option_errors_exit_with_the_bad_input_code_and_a_short_message(string command, string message, string path)
    {
        var result = ZfpeCli.Run(command.Split(' '));
        AssertShortError(result, message);
        Assert.EndsWith($"run '{path} --help' for the options\n", result.Stderr);
    }

    [Fact]
    public void Help_is_still_help_and_exits_zero()
    {
        var result = ZfpeCli.Run("compress", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout);
    }

    [Fact]
    public void A_method_parameter_too_large_for_any_number_is_refused_not_a_crash()
    {
        string input = Dir.File("x.f32");
        RawF32File.Write(input, new float[8]);
        var result = ZfpeCli.Run("evaluate", "--in", input, "--methods", "zfpe-b5-e99999999999");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --methods: 'zfpe-b5-e99999999999': 99999999999 is too large a number for any parameter\n", result.Stderr);
    }
}
