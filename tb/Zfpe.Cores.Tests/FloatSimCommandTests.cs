using Zfpe.Reference.Float;

namespace Zfpe.Cores.Tests;

/// <summary>`zfpe sim float-mul|float-add` runs the RTL on raw float32 pairs and writes exactly the reference's results.</summary>
public sealed class FloatSimCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zfpe-float-sim-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("float-mul", 18, 1)]
    [InlineData("float-add", 12, 2)]
    public void Sim_float_cores_write_the_reference_results_in_order(string design, int m, int guardBits)
    {
        var format = new SimpleFloatFormat(m, guardBits);
        var pairs = FloatCores.Pairs(5003, seed: 300 + m, r => design == "float-mul" ? FloatPairs.ForMultiply(r, format) : FloatPairs.ForAdd(r, format));
        var input = Path.Combine(_dir, "pairs.f32");
        File.WriteAllBytes(input, pairs.SelectMany(BitConverter.GetBytes).ToArray());
        var output = Path.Combine(_dir, "results.f32");
        var r = ZfpeCli.InRepository("sim", design, "--in", input, "--out", output, "--set", $"m={m}", "--set", $"guard-bits={guardBits}", "--stall", "0.3", "--seed", "4");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"{pairs.Count} pairs -> {pairs.Count} results", r.Stdout);
        Func<uint, uint, uint> reference = design == "float-mul"
            ? (a, b) => SimpleFloat.Multiply(a, b, format)
            : (a, b) => SimpleFloat.Add(a, b, format);
        var expected = pairs.SelectMany(p => BitConverter.GetBytes(reference((uint)p, (uint)(p >> 32)))).ToArray();
        Assert.Equal(expected, File.ReadAllBytes(output));
    }

    [Fact]
    public void Sim_float_cores_reject_inputs_that_are_not_pairs_with_a_message_that_says_what_to_fix()
    {
        var output = Path.Combine(_dir, "results.f32");
        var odd = Path.Combine(_dir, "odd.f32");
        File.WriteAllBytes(odd, new byte[12]);
        var r = ZfpeCli.InRepository("sim", "float-mul", "--in", odd, "--out", output);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("holds 3 float32 values, an odd count", r.Stderr);

        var ragged = Path.Combine(_dir, "ragged.f32");
        File.WriteAllBytes(ragged, new byte[10]);
        r = ZfpeCli.InRepository("sim", "float-add", "--in", ragged, "--out", output);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a whole number of float32 values", r.Stderr);

        var empty = Path.Combine(_dir, "empty.f32");
        File.WriteAllBytes(empty, []);
        r = ZfpeCli.InRepository("sim", "float-add", "--in", empty, "--out", output);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("holds no values", r.Stderr);

        File.WriteAllBytes(odd, new byte[16]);
        r = ZfpeCli.InRepository("sim", "float-add", "--in", odd, "--out", output, "--count", "2");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--count applies to the decompressor only", r.Stderr);

        r = ZfpeCli.InRepository("sim", "float-mul", "--in", odd, "--out", output, "--set", "m=25");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'m'", r.Stderr);
        Assert.False(File.Exists(output));
    }
}
