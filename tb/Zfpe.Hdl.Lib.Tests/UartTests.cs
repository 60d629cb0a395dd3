using Zfpe.Hdl.Lib.Uart;

namespace Zfpe.Hdl.Lib.Tests;

/// <summary>
/// The UART transmitter and receiver against their C# twins, cycle for cycle, on two compiled
/// configurations: an even divisor (16 MHz at 2 Mbit/s: 8 cycles per bit) and an odd one
/// (13 MHz at 1 Mbit/s: 13).
/// </summary>
public class UartTests
{
    public static readonly UartConfig Even = new(16_000_000, 2_000_000);
    public static readonly UartConfig Odd = new(13_000_000, 1_000_000);

    public static TheoryData<string> Configs() => new() { "even", "odd" };

    /// <summary>Starts the harness in the configuration named by a theory case; the waves are named TEST_NAME.</summary>
    private static Simulation Start(string name, string test, out UartConfig config)
    {
        config = name == "even" ? Even : Odd;
        return Start(config, $"{test}_{name}");
    }

    private static Simulation Start(UartConfig config, string caller)
    {
        var sim = Simulation.Create(VerilogEmitter.Emit(new UartHarness(config)), new SimOptions { Name = caller });
        sim.Poke("rxd", 1UL);
        sim.Poke("rx_out_ready", 1UL);
        sim.Poke("tx_in_valid", 0UL);
        sim.Reset(2);
        return sim;
    }

    /// <summary>Plays the serializer's frames on rxd until it is idle (within <paramref name="maxFrames"/> frames), then two frames more.</summary>
    private static (LineDriver Line, StreamMonitor<byte> Received, PinRecorder Errors) Receive(Simulation sim, UartConfig config, UartSerializer serializer, long maxFrames)
    {
        var line = new LineDriver(sim, "rxd", serializer);
        var received = new StreamMonitor<byte>(sim.Stream("rx_out"));
        var errors = new PinRecorder(sim, "framing_error");
        sim.RunUntil(() => serializer.IsIdle, maxCycles: maxFrames * config.FrameCycles);
        sim.Step(2 * config.FrameCycles);
        return (line, received, errors);
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Transmitter_drives_the_waveform_of_the_model_for_random_bytes_and_gaps(string name)
    {
        using var sim = Start(name, "tx_waveform", out var config);
        var random = new Random(11);
        var bytes = Enumerable.Range(0, 200).Select(_ => (byte)random.Next(256)).ToList();
        var line = new PinRecorder(sim, "txd");
        var accepted = new StreamMonitor<byte>(sim.Stream("tx_in"));
        // Gaps change over time: back to back, then sparse, then mixed.
        var driver = new StreamDriver<byte>(sim.Stream("tx_in"), seed: 12)
        {
            IdleSchedule = c => (c / 4000 % 3) switch { 0 => 0.0, 1 => 0.995, _ => 0.9 },
        };
        driver.Enqueue(bytes);
        sim.RunUntil(() => driver.IsDone, maxCycles: 400 * config.FrameCycles);
        sim.Step(config.FrameCycles + 5);

        Assert.Equal(bytes, accepted.Payloads);
        var expected = Enumerable.Repeat(true, line.Levels.Count).ToArray();
        foreach (var beat in accepted.Beats)
        {
            var wave = UartSerializer.FrameWaveform(beat.Payload, config.Divisor);
            for (var i = 0; i < wave.Length; i++) expected[beat.Cycle + 1 + i - line.FirstCycle] = wave[i];
        }
        var firstDifference = Enumerable.Range(0, expected.Length).FirstOrDefault(i => expected[i] != line.Levels[i], -1);
        Assert.True(firstDifference < 0, $"txd differs from the model at cycle {firstDifference + line.FirstCycle}: {sim.WaveNote}");

        // A new byte is taken exactly when the previous frame ends, never earlier.
        var gaps = accepted.Beats.Zip(accepted.Beats.Skip(1), (a, b) => b.Cycle - a.Cycle).ToList();
        Assert.All(gaps, g => Assert.True(g >= config.FrameCycles, $"bytes taken {g} cycles apart"));
        Assert.Contains((long)config.FrameCycles, gaps); // back to back at the full line rate
        Assert.Contains(gaps, g => g > 2 * config.FrameCycles);
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Receiver_reports_random_bytes_in_the_cycles_the_model_predicts(string name)
    {
        using var sim = Start(name, "rx_bytes", out var config);
        var random = new Random(21);
        var serializer = new UartSerializer(config.Divisor);
        var bytes = new List<byte>();
        for (var i = 0; i < 300; i++)
        {
            var b = (byte)random.Next(256);
            bytes.Add(b);
            serializer.Enqueue(b, idleCyclesBefore: random.Next(4) == 0 ? random.Next(3 * config.FrameCycles) : random.Next(3));
        }
        var (line, received, errors) = Receive(sim, config, serializer, maxFrames: 2000);

        var model = new UartDeserializer(config.Divisor);
        model.Push(line.Levels);
        Assert.Equal(bytes, received.Payloads);
        Assert.Equal(model.Received.Select(r => (r.Value, r.Cycle + line.FirstCycle)), received.Beats.Select(b => (b.Payload, b.Cycle)));
        Assert.Empty(errors.HighCycles);
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Receiver_flags_framing_errors_and_a_break_then_recovers(string name)
    {
        using var sim = Start(name, "rx_framing", out var config);
        var good = new List<byte>();
        var badFrames = 0;
        var random = new Random(31);
        var serializer = new UartSerializer(config.Divisor);
        for (var i = 0; i < 60; i++)
        {
            var b = (byte)random.Next(256);
            var stop = random.Next(5) != 0;
            serializer.Enqueue(b, idleCyclesBefore: random.Next(2 * config.FrameCycles), stopBit: stop);
            if (stop) good.Add(b);
            else badFrames++;
        }
        // A break: a zero byte with a zero stop bit, then the line stays low for 3 frames.
        var (line, received, errors) = Receive(sim, config, serializer, maxFrames: 500);
        var breakStart = sim.Cycle;
        sim.Detach(line);
        sim.Poke("rxd", 0UL);
        sim.Step(3 * config.FrameCycles);
        sim.Poke("rxd", 1UL);
        sim.Step(config.FrameCycles);
        var afterBreak = new UartSerializer(config.Divisor);
        afterBreak.Enqueue([0x55, 0xA3]);
        var line2 = new LineDriver(sim, "rxd", afterBreak);
        sim.RunUntil(() => afterBreak.IsIdle, maxCycles: 5L * config.FrameCycles);
        sim.Step(2 * config.FrameCycles);

        var model = new UartDeserializer(config.Divisor);
        model.Push(line.Levels);
        Assert.Equal([.. good, 0x55, 0xA3], received.Payloads);
        Assert.Equal(model.Received.Where(r => r.FramingError).Select(r => r.Cycle + line.FirstCycle), errors.HighCycles.Where(c => c < breakStart));
        Assert.Equal(badFrames, model.Received.Count(r => r.FramingError));
        // The break is one framing error, not one per frame time.
        Assert.Single(errors.HighCycles, c => c >= breakStart);
        Assert.True(line2.FirstCycle > breakStart);
    }

    [Theory]
    [InlineData(-3.0)]
    [InlineData(+3.0)]
    public void Receiver_takes_bytes_from_a_far_end_whose_rate_is_3_percent_off(double percent)
    {
        var config = Odd;
        using var sim = Start(config, $"rx_rate_{(percent < 0 ? "slow" : "fast")}");
        var random = new Random(41);
        var bytes = Enumerable.Range(0, 150).Select(_ => (byte)random.Next(256)).ToList();
        // A far end 3 % fast has bits 3 % shorter.
        var serializer = new UartSerializer(config.Divisor / (1 + percent / 100));
        serializer.Enqueue(bytes); // back to back: the hardest case, no idle time to re-align
        var (_, received, errors) = Receive(sim, config, serializer, maxFrames: 200);
        Assert.Equal(bytes, received.Payloads);
        Assert.Empty(errors.HighCycles);
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Transmitter_wired_to_the_receiver_delivers_every_byte(string name)
    {
        using var sim = Start(name, "loopback", out var config);
        _ = new PinRecorder(sim, "txd", loopTo: "rxd");
        var random = new Random(51);
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).OrderBy(_ => random.Next()).ToList();
        var driver = new StreamDriver<byte>(sim.Stream("tx_in"), seed: 52) { IdleProbability = 0.98 };
        var received = new StreamMonitor<byte>(sim.Stream("rx_out"));
        var ready = new StreamReadyRandomizer(sim.Stream("rx_out"), seed: 53) { ReadyProbability = 0.5 };
        driver.Enqueue(bytes);
        sim.RunUntil(() => received.Count == bytes.Count, maxCycles: 400L * config.FrameCycles);
        Assert.Equal(bytes, received.Payloads);
        Assert.Same(ready, sim.Agents[^1]);
    }

    [Fact]
    public void Receiver_drops_a_byte_that_arrives_while_the_previous_one_waits_and_says_so()
    {
        var config = Even;
        using var sim = Start(config, "rx_overrun");
        sim.Poke("rx_out_ready", 0UL);
        var serializer = new UartSerializer(config.Divisor);
        serializer.Enqueue([0x12, 0x34]);
        _ = new LineDriver(sim, "rxd", serializer);
        var overrun = new PinRecorder(sim, "overrun");
        sim.RunUntil(() => serializer.IsIdle, maxCycles: 4L * config.FrameCycles);
        sim.Step(config.FrameCycles);
        Assert.Single(overrun.HighCycles);
        Assert.True(sim.PeekBool("rx_out_valid"));
        Assert.Equal(0x12UL, sim.Peek("rx_out_payload"));
        sim.Poke("rx_out_ready", 1UL);
        sim.Step();
        sim.Eval();
        Assert.False(sim.PeekBool("rx_out_valid"));
    }
}
