using Zfpe.Hdl.Lib.Uart;

namespace Zfpe.Hdl.Lib.Tests;

/// <summary>The uart-loopback catalog design in its default configuration (100 MHz, 3 Mbit/s: 33 cycles per bit).</summary>
public class UartLoopbackTests
{
    [Fact]
    public void The_loopback_echoes_every_good_byte_and_counts_framing_errors()
    {
        var config = new UartLoopbackConfig();
        var top = new UartLoopback(config.Uart, config.Depth);
        using var sim = Simulation.Create(VerilogEmitter.Emit(top));
        sim.Poke(top.Rxd, 1UL);
        sim.Reset(2);
        var divisor = new UartConfig(100_000_000, 3_000_000).Divisor;
        // The far end runs 1 % slow, as the FT231X's exact 3 Mbit/s is against our 33-cycle bits.
        var serializer = new UartSerializer(divisor * 1.01);
        var random = new Random(61);
        var good = new List<byte>();
        for (var i = 0; i < 120; i++)
        {
            var b = (byte)random.Next(256);
            var stop = i % 40 != 17;
            // After a bad stop bit the receiver needs the line high again before it can find the
            // next start bit, as any UART does; so the frame after it comes after an idle gap.
            var afterBad = i % 40 == 18;
            serializer.Enqueue(b, idleCyclesBefore: afterBad ? 10 * divisor : random.Next(2) == 0 ? 0 : random.Next(20 * divisor), stopBit: stop);
            if (stop) good.Add(b);
        }
        _ = new LineDriver(sim, sim.Port(top.Rxd), serializer);
        var echo = new PinRecorder(sim, sim.Port(top.Txd));
        sim.RunUntil(() => serializer.IsIdle, maxCycles: 200L * 10 * divisor);
        sim.Step(4L * 10 * divisor);

        var received = new UartDeserializer(divisor);
        received.Push(echo.Levels);
        Assert.Equal(good, received.Bytes);
        Assert.DoesNotContain(received.Received, r => r.FramingError);
        Assert.Equal(3UL, sim.Peek(top.FramingErrors));
    }
}
