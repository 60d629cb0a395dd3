using Zfpe.Hdl.Lib.Uart;

namespace Zfpe.Hdl.Lib.Tests;

/// <summary>The UART's C# twins and its configuration checks, without hardware.</summary>
public class UartModelTests
{
    [Fact]
    public void A_frame_is_a_start_bit_eight_data_bits_lsb_first_and_a_stop_bit()
    {
        Assert.Equal([false, true, false, true, false, false, true, false, true, true], UartSerializer.FrameBits(0xA5));
        Assert.False(UartSerializer.FrameBits(0xFF, stopBit: false)[9]);
        var wave = UartSerializer.FrameWaveform(0x01, 3);
        Assert.Equal(30, wave.Length);
        Assert.Equal([false, false, false, true, true, true, false], wave[..7]);
    }

    [Fact]
    public void The_serializer_idles_high_and_inserts_the_requested_gaps()
    {
        var s = new UartSerializer(4);
        Assert.True(s.Next());
        s.Enqueue(0x00, idleCyclesBefore: 3);
        var levels = Enumerable.Range(0, 3 + 40 + 2).Select(_ => s.Next()).ToList();
        Assert.Equal([true, true, true], levels[..3]);
        Assert.All(levels[3..39], l => Assert.False(l)); // start + 8 zero bits
        Assert.All(levels[39..], l => Assert.True(l)); // stop bit, then idle
        Assert.True(s.IsIdle);
        Assert.Equal(1, s.FramesStarted);
    }

    public static TheoryData<int, double> DivisorsAndRateErrors => new()
    {
        { 4, 0.0 },
        { 8, 0.0 },
        { 13, 0.0 },
        { 33, 0.0 },
        { 8, 3.0 },
        { 13, -3.5 },
        { 33, 4.0 },
        { 33, -4.0 },
    };

    [Theory]
    [MemberData(nameof(DivisorsAndRateErrors))]
    public void The_deserializer_decodes_what_the_serializer_sends(int divisor, double ratePercent)
    {
        var random = new Random(divisor * 100 + (int)ratePercent);
        var serializer = new UartSerializer(divisor / (1 + ratePercent / 100));
        var bytes = new List<byte>();
        for (var i = 0; i < 500; i++)
        {
            var b = (byte)random.Next(256);
            bytes.Add(b);
            serializer.Enqueue(b, random.Next(3) == 0 ? random.Next(25 * divisor) : 0);
        }
        var deserializer = new UartDeserializer(divisor);
        while (!serializer.IsIdle) deserializer.Push(serializer.Next());
        for (var i = 0; i < 2 * 10 * divisor; i++) deserializer.Push(true);
        Assert.Equal(bytes, deserializer.Bytes);
        Assert.DoesNotContain(deserializer.Received, r => r.FramingError);
    }

    [Fact]
    public void The_deserializer_reports_a_byte_the_cycle_after_the_middle_of_its_stop_bit()
    {
        const int d = 8;
        var deserializer = new UartDeserializer(d);
        deserializer.Push(true);
        deserializer.Push(UartSerializer.FrameWaveform(0x5A, d));
        deserializer.Push(Enumerable.Repeat(true, 3 * d));
        // Start edge on the pin in cycle 1, seen after the synchroniser in cycle 3 (t0); the stop
        // bit is sampled in t0 + d/2 + 9d and the byte shows one cycle later.
        Assert.Equal([new UartReceived(0x5A, false, 3 + d / 2 + 9 * d + 1)], deserializer.Received);
    }

    [Fact]
    public void The_deserializer_ignores_a_glitch_shorter_than_half_a_bit()
    {
        var deserializer = new UartDeserializer(16);
        deserializer.Push(Enumerable.Repeat(true, 5).Concat(Enumerable.Repeat(false, 6)).Concat(Enumerable.Repeat(true, 400)));
        Assert.Empty(deserializer.Received);
    }

    [Fact]
    public void The_default_configuration_is_100_MHz_at_3_Mbit_per_second_one_percent_fast()
    {
        var c = new UartConfig(100_000_000, 3_000_000);
        c.Validate();
        Assert.Equal(UartTx.DefaultDivisor, c.Divisor);
        Assert.Equal(1.01, c.RateErrorPercent, 2);
        Assert.Equal(330, c.FrameCycles);
    }

    [Theory]
    [InlineData(100_000_000, 4_000_000, "BaudRate", "300..3000000")]
    [InlineData(100_000_000, 100, "BaudRate", "300..3000000")]
    [InlineData(500_000_000, 115_200, "ClockHz", "1000000..400000000")]
    [InlineData(10_000_000, 3_000_000, "BaudRate", "at least 4")]
    [InlineData(10_000_000, 2_200_000, "BaudRate", "allowed ±2 %")]
    public void A_bad_configuration_names_the_parameter_the_value_and_the_allowed_range(long clock, long baud, string parameter, string allowed)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new UartConfig(clock, baud).Validate());
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(allowed, e.Message);
        Assert.Contains(parameter == "ClockHz" ? clock.ToString() : baud.ToString(), e.Message);
    }
}
