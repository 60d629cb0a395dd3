namespace Zfpe.Sim.Tests;

public sealed class WavesTests
{
    private static readonly SimOptions Fst = new() { Waves = WaveFormat.Fst };

    [Fact]
    public void Waves_on_write_an_FST_file_named_after_the_test()
    {
        string path;
        using (var sim = Simulation.Create(Designs.StreamFifo(), Fst))
        {
            path = sim.WavePath!;
            Assert.Equal(sim.PlannedWavePath, path);
            Assert.Equal($"{nameof(Waves_on_write_an_FST_file_named_after_the_test)}.fst", Path.GetFileName(path));
            sim.Reset();
            sim.Poke("push_valid", true);
            sim.Poke("pop_ready", true);
            sim.Step(200);
        }
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 200, $"{path} has only {bytes.Length} bytes");
        Assert.Equal(0, bytes[0]); // FST_BL_HDR: every FST file starts with its header block
    }

    [Fact]
    public void VCD_waves_are_plain_text_with_a_point_at_each_settle_and_each_rising_edge()
    {
        string path;
        using (var sim = Simulation.Create(Designs.Counter(), new SimOptions { Waves = WaveFormat.Vcd }))
        {
            path = sim.WavePath!;
            Assert.EndsWith(".vcd", path);
            sim.Reset();
            sim.Poke("enable", true);
            sim.Step(3);
        }
        var text = File.ReadAllText(path);
        TextAssert.ContainsAll(text,
            "$enddefinitions",
            "count");
        foreach (var time in new[] { "#0", "#5", "#10", "#15", "#20", "#25", "#30", "#35" })
            Assert.Contains("\n" + time + "\n", text);
    }

    [Fact]
    public void A_failure_with_waves_on_prints_the_path_of_a_wave_file_that_covers_it()
    {
        using var sim = Simulation.Create(Designs.StreamFifo(), Fst);
        sim.Reset();
        var driver = new StreamDriver<ulong>(sim.Stream("push"), seed: 1) { IdleProbability = 0.5 };
        var scoreboard = new ScoreboardInOrder<ulong>(new StreamMonitor<ulong>(sim.Stream("pop")));
        sim.Poke("pop_ready", true);
        driver.Enqueue(Enumerable.Range(0, 100).Select(i => (ulong)i));
        scoreboard.Expect(Enumerable.Range(0, 100).Select(i => i == 60 ? 600UL : (ulong)i));

        var e = Assert.Throws<ScoreboardMismatchException>(() => sim.RunUntil(() => scoreboard.IsDone, maxCycles: 1000));
        Assert.Equal(sim.WavePath, e.WavePath);
        Assert.Contains($"waves: {sim.WavePath}", e.Message);
        Assert.True(new FileInfo(sim.WavePath!).Length > 0, "the waves are flushed before the exception is thrown");
    }

    [Fact]
    public void A_model_with_waves_is_a_different_cache_entry_than_one_without()
    {
        var design = Designs.StreamFifo();
        var withWaves = ModelCache.Default.KeyFor(design, Fst);
        var without = ModelCache.Default.KeyFor(design, new SimOptions { Waves = WaveFormat.None });
        var vcd = ModelCache.Default.KeyFor(design, new SimOptions { Waves = WaveFormat.Vcd });
        Assert.Equal(3, new[] { withWaves, without, vcd }.Distinct().Count());
    }

    [Theory]
    [InlineData(null, WaveFormat.None)]
    [InlineData("", WaveFormat.None)]
    [InlineData("0", WaveFormat.None)]
    [InlineData("1", WaveFormat.Fst)]
    [InlineData("fst", WaveFormat.Fst)]
    [InlineData("VCD", WaveFormat.Vcd)]
    public void ZFPE_WAVES_switches_waves_on_and_chooses_the_format(string? value, WaveFormat expected)
    {
        Assert.Equal(expected, SimOptions.ParseWavesVariable(value));
    }

    [Fact]
    public void An_unknown_ZFPE_WAVES_value_says_what_is_accepted()
    {
        var e = Assert.Throws<ArgumentException>(() => SimOptions.ParseWavesVariable("yes please"));
        Assert.Contains("use 1 or fst (FST waves), vcd (VCD waves), or 0 (none)", e.Message);
    }

    [Fact]
    public void An_exact_wave_file_turns_waves_on_and_is_used_as_given()
    {
        var file = Path.Combine(Path.GetTempPath(), $"zfpe-sim-tests-{Environment.ProcessId}", "exact", "run.fst");
        using (var sim = Simulation.Create(Designs.StreamFifo(), new SimOptions { WaveFile = file }))
        {
            Assert.Equal(file, sim.WavePath);
            sim.Reset();
            sim.Step(10);
        }
        Assert.True(new FileInfo(file).Length > 0);
        Assert.Equal(WaveFormat.Vcd, new SimOptions { WaveFile = "x/run.vcd" }.ResolveWaves());
        Assert.Throws<ArgumentException>(new SimOptions { WaveFile = "run.fst", Waves = WaveFormat.None }.Validate);
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(file))!, recursive: true);
    }

    [Fact]
    public void An_explicit_option_wins_over_the_environment()
    {
        Assert.Equal(WaveFormat.None, new SimOptions { Waves = WaveFormat.None }.ResolveWaves());
        Assert.Equal(WaveFormat.Vcd, new SimOptions { Waves = WaveFormat.Vcd }.ResolveWaves());
    }
}
