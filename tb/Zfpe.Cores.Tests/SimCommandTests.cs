namespace Zfpe.Cores.Tests;

/// <summary>`zfpe sim` runs the RTL on files and writes exactly what the reference codec commands write.</summary>
public sealed class SimCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zfpe-sim-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(1, 20_003)]
    [InlineData(8, 20_005)]
    public void Sim_compressor_and_decompressor_write_the_bytes_of_zfpe_compress_and_decompress_raw(int lanes, int count)
    {
        var values = Path.Combine(_dir, "values.f32");
        File.WriteAllBytes(values, TestValues.Mixed(count, seed: 150 + lanes).SelectMany(BitConverter.GetBytes).ToArray());
        var simRaw = Path.Combine(_dir, "sim.raw");
        var refRaw = Path.Combine(_dir, "ref.raw");
        string[] design = ["--set", "b=5", "--set", "exponent-bits=9", "--set", $"lanes={lanes}"];

        var waves = Path.Combine(_dir, "compressor.fst");
        string[] waveOption = lanes == 1 ? ["--waves", waves] : [];
        var sim = ZfpeCli.InRepository(["sim", "compressor", "--in", values, "--out", simRaw, .. design, "--stall", "0.25", "--seed", "9", .. waveOption]);
        Assert.True(sim.ExitCode == 0, sim.ToString());
        if (lanes == 1)
        {
            Assert.Contains($"waves: {waves}", sim.Stdout);
            Assert.True(new FileInfo(waves).Length > 0, $"{waves} is empty");
        }
        Assert.Contains($"{count} values -> {(count + 3) / 4} blocks", sim.Stdout);
        var reference = ZfpeCli.InRepository("compress", "--in", values, "--out", refRaw, "--raw", "--b", "5", "--exponent-bits", "9");
        Assert.True(reference.ExitCode == 0, reference.ToString());
        Assert.Equal(File.ReadAllBytes(refRaw), File.ReadAllBytes(simRaw));

        var simValues = Path.Combine(_dir, "sim.f32");
        var refValues = Path.Combine(_dir, "ref.f32");
        sim = ZfpeCli.InRepository(["sim", "decompressor", "--in", refRaw, "--out", simValues, "--count", $"{count}", .. design, "--stall", "0.25", "--seed", "10"]);
        Assert.True(sim.ExitCode == 0, sim.ToString());
        reference = ZfpeCli.InRepository("decompress", "--raw", "--in", refRaw, "--out", refValues, "--count", $"{count}", "--b", "5", "--exponent-bits", "9");
        Assert.True(reference.ExitCode == 0, reference.ToString());
        Assert.Equal(File.ReadAllBytes(refValues), File.ReadAllBytes(simValues));
    }

    [Theory]
    [InlineData(5, 30, 1)]
    [InlineData(9, 28, 4)]
    public void Sim_compressor_with_nearest_rounding_writes_the_bytes_of_zfpe_compress_raw_rounding_nearest(int b, int split, int lanes)
    {
        var values = Path.Combine(_dir, "values.f32");
        var count = 20_001;
        File.WriteAllBytes(values, TestValues.WithTies(count, seed: 160 + b).SelectMany(BitConverter.GetBytes).ToArray());
        var simRaw = Path.Combine(_dir, "sim.raw");
        var refRaw = Path.Combine(_dir, "ref.raw");
        var truncated = Path.Combine(_dir, "truncate.raw");

        var sim = ZfpeCli.InRepository("sim", "compressor", "--in", values, "--out", simRaw, "--set", $"b={b}", "--set", $"split={split}", "--set", $"lanes={lanes}",
            "--set", "rounding=nearest", "--stall", "0.25", "--seed", "11");
        Assert.True(sim.ExitCode == 0, sim.ToString());
        Assert.Contains($"{count} values -> {(count + 3) / 4} blocks", sim.Stdout);
        var reference = ZfpeCli.InRepository("compress", "--in", values, "--out", refRaw, "--raw", "--b", $"{b}", "--split", $"{split}", "--rounding", "nearest");
        Assert.True(reference.ExitCode == 0, reference.ToString());
        Assert.Equal(File.ReadAllBytes(refRaw), File.ReadAllBytes(simRaw));

        // The comparison can fail: truncate's bytes differ on these data.
        var truncate = ZfpeCli.InRepository("compress", "--in", values, "--out", truncated, "--raw", "--b", $"{b}", "--split", $"{split}");
        Assert.True(truncate.ExitCode == 0, truncate.ToString());
        Assert.NotEqual(File.ReadAllBytes(truncated), File.ReadAllBytes(simRaw));
    }

    [Fact]
    public void The_decompressor_refuses_rounding_an_encoder_parameter()
    {
        var raw = Path.Combine(_dir, "blocks.raw");
        File.WriteAllBytes(raw, new byte[12]);
        var r = ZfpeCli.InRepository("sim", "decompressor", "--in", raw, "--out", Path.Combine(_dir, "out.f32"), "--count", "12", "--set", "rounding=nearest");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("design 'decompressor' does not take parameter 'rounding': it is an encoder parameter", r.Stderr);

        r = ZfpeCli.InRepository("sim", "compressor", "--in", raw, "--out", Path.Combine(_dir, "c.raw"), "--set", "rounding=round");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("parameter 'rounding' = 'round' is not one of truncate|nearest", r.Stderr);

        var designs = ZfpeCli.InRepository("designs");
        Assert.True(designs.ExitCode == 0, designs.ToString());
        var decompressor = designs.Stdout[designs.Stdout.IndexOf("decompressor:", StringComparison.Ordinal)..];
        decompressor = decompressor[..decompressor.IndexOf("float-mul:", StringComparison.Ordinal)];
        Assert.DoesNotContain("rounding", decompressor);
        Assert.Contains("rounding", designs.Stdout[..designs.Stdout.IndexOf("decompressor:", StringComparison.Ordinal)]);
    }

    [Fact]
    public void Sim_rejects_bad_arguments_with_a_message_that_says_what_to_fix()
    {
        var values = Path.Combine(_dir, "values.f32");
        File.WriteAllBytes(values, new byte[40]);
        var raw = Path.Combine(_dir, "blocks.raw");
        File.WriteAllBytes(raw, new byte[12]);

        var r = ZfpeCli.InRepository("sim", "compressor", "--in", values, "--out", raw, "--stall", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--stall 1 is out of range", r.Stderr);

        r = ZfpeCli.InRepository("sim", "decompressor", "--in", raw, "--out", Path.Combine(_dir, "out.f32"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--count is required", r.Stderr);

        r = ZfpeCli.InRepository("sim", "decompressor", "--in", raw, "--out", Path.Combine(_dir, "out.f32"), "--count", "100");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the raw stream has 12 bytes but 100 values", r.Stderr);

        r = ZfpeCli.InRepository("sim", "compressor", "--in", values, "--out", raw, "--set", "lanes=3");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'lanes' = 3 is out of range", r.Stderr);

        r = ZfpeCli.InRepository("sim", "compressor", "--in", values, "--out", raw, "--set", "b=9", "--set", "split=8");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("parameter 'split' = 8 is out of range (allowed: b..31 = 9..31)", r.Stderr);

        r = ZfpeCli.InRepository("sim", "fifo", "--in", values, "--out", raw);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("compressor, decompressor, float-mul or float-add", r.Stderr);
    }

    [Fact]
    public void Sim_refuses_an_output_that_is_its_input_or_its_waves_before_simulating()
    {
        var values = Path.Combine(_dir, "values.f32");
        var bytes = new byte[40];
        File.WriteAllBytes(values, bytes);
        var alias = Path.Combine(_dir, "alias.raw");
        File.CreateSymbolicLink(alias, values);

        var r = ZfpeCli.InRepository("sim", "compressor", "--in", values, "--out", alias);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"--out {alias} is the same file as --in {values}", r.Stderr);
        Assert.Equal(bytes, File.ReadAllBytes(values));

        var blocks = Path.Combine(_dir, "blocks.raw");
        File.WriteAllBytes(blocks, new byte[12]);
        r = ZfpeCli.InRepository("sim", "decompressor", "--in", blocks, "--out", blocks, "--count", "8");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"--out {blocks} is the same file as --in {blocks}", r.Stderr);

        var waves = Path.Combine(_dir, "w.vcd");
        r = ZfpeCli.InRepository("sim", "compressor", "--in", values, "--out", waves, "--waves", waves);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"--waves {waves} and --out {waves} are the same file", r.Stderr);
        Assert.False(File.Exists(waves));

        r = ZfpeCli.InRepository("sim", "compressor", "--in", values, "--out", Path.Combine(_dir, "x.zfpe"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'.zfpe' names another format, but this is a bare block stream", r.Stderr);
    }
}
