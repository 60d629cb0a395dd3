using System.Numerics;

namespace Zfpe.Sim.Tests;

public sealed class PayloadCodecTests
{
    private readonly record struct Sample(ushort Channel, float Value);

    [Fact]
    public void Floats_travel_as_bit_patterns_so_NaN_and_negative_zero_survive()
    {
        using var sim = ResetWithoutWaves(Designs.StreamFifo());
        float[] values = [1.5f, -0.0f, float.NaN, float.PositiveInfinity, float.Epsilon, -3.25e-30f];
        var driver = new StreamDriver<float>(sim.Stream("push"), seed: 1) { IdleProbability = 0.3 };
        var scoreboard = new ScoreboardInOrder<float>(new StreamMonitor<float>(sim.Stream("pop")));
        _ = new StreamReadyRandomizer(sim.Stream("pop"), seed: 2);
        driver.Enqueue(values);
        scoreboard.Expect(values);
        sim.RunUntil(() => scoreboard.IsDone, maxCycles: 200);
        Assert.Equal(values.Length, scoreboard.Matched);
    }

    [Fact]
    public void A_float_mismatch_shows_both_values_and_their_bits()
    {
        using var sim = ResetWithoutWaves(Designs.StreamFifo());
        sim.Poke("pop_ready", true);
        var driver = new StreamDriver<float>(sim.Stream("push"), seed: 1);
        var scoreboard = new ScoreboardInOrder<float>(new StreamMonitor<float>(sim.Stream("pop")));
        driver.Enqueue(0.0f);
        scoreboard.Expect(-0.0f);
        var e = Assert.Throws<ScoreboardMismatchException>(() => sim.RunUntil(() => scoreboard.IsDone, maxCycles: 20));
        Assert.Equal("-0 (0x80000000)", e.Expected);
        Assert.Equal("0 (0x00000000)", e.Actual);
    }

    [Fact]
    public void A_test_can_stream_its_own_record_type()
    {
        var codec = PayloadCodecs.Create<Sample>(
            s => (ulong)s.Channel << 32 | BitConverter.SingleToUInt32Bits(s.Value),
            bits => new Sample((ushort)(bits >> 32), BitConverter.UInt32BitsToSingle((uint)bits)));
        using var sim = ResetWithoutWaves(Designs.StreamFifo());
        sim.Poke("pop_ready", true);
        var samples = Enumerable.Range(0, 50).Select(i => new Sample((ushort)(i % 7), i * 0.25f)).ToList();
        var driver = new StreamDriver<Sample>(sim.Stream("push"), seed: 3, codec) { IdleProbability = 0.5 };
        var monitor = new StreamMonitor<Sample>(sim.Stream("pop"), codec);
        driver.Enqueue(samples);
        sim.RunUntil(() => monitor.Count == samples.Count, maxCycles: 1000);
        Assert.Equal(samples, monitor.Payloads);
    }

    [Fact]
    public void Numbers_that_fit_64_bits_read_back_from_a_wider_port_and_bigger_ones_say_which_codec_to_use()
    {
        using var sim = ResetWithoutWaves(Designs.StreamFifo());
        sim.Poke("pop_ready", true);
        var driver = new StreamDriver<BigInteger>(sim.Stream("push"), seed: 4);
        var monitor = new StreamMonitor<ulong>(sim.Stream("pop"));
        driver.Enqueue([ulong.MaxValue, BigInteger.One << 64]);
        sim.RunUntil(() => monitor.Count == 1, maxCycles: 20);
        Assert.Equal(ulong.MaxValue, monitor.Beats[0].Payload);
        var e = Assert.Throws<ArgumentException>(() => sim.Step(10));
        Assert.Contains("read it with the BigInteger or uint[] payload codec", e.Message);
    }

    [Fact]
    public void Types_without_a_built_in_codec_ask_for_one()
    {
        var e = Assert.Throws<ArgumentException>(() => PayloadCodecs.Default<Sample>());
        Assert.Contains("PayloadCodecs.Create<Sample>(toBits, fromBits)", e.Message);
    }
}
