using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Streams;

namespace Zfpe.Hdl.Lib.Uart;

/// <summary>
/// Echoes every byte received on <see cref="Rxd"/> back on <see cref="Txd"/>, through a queue
/// (<see cref="StreamQueue{T}"/>) that absorbs a burst while the transmitter is busy. The smallest board-free UART design: a
/// first test of a serial link, and the co-simulation target of the UART pair.
/// <see cref="FramingErrors"/> counts received frames with a 0 stop bit (wrapping at 256).
/// </summary>
public sealed class UartLoopback : Component
{
    public readonly Bool Rxd;
    public readonly Bool Txd;
    public readonly UInt FramingErrors;

    public UartLoopback(UartConfig config, int fifoDepth = 16)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (fifoDepth is < 1 or > 4096)
            throw new ArgumentOutOfRangeException(nameof(fifoDepth), fifoDepth, $"loopback FIFO depth = {fifoDepth} is out of range: allowed 1..4096 bytes");
        Param("divisor", config.Divisor, UartTx.DefaultDivisor);
        Param("depth", fifoDepth, 16);

        Rxd = In.Bool("rxd");
        Txd = Out.Bool("txd");
        FramingErrors = Out.UInt(8, "framing_errors");

        var rx = Instance(new UartRx(config), "rx");
        var fifo = Instance(new StreamQueue<UInt>(Shape.UInt(8), fifoDepth), "fifo");
        var tx = Instance(new UartTx(config), "tx");
        rx.Rxd.Assign(Rxd);
        fifo.Push.ConnectFrom(rx.Output);
        tx.Input.ConnectFrom(fifo.Pop);
        Txd.Assign(tx.Txd);

        var errors = Reg.UInt(8, reset: 0, name: "framing_error_count");
        When(rx.FramingError, () => errors.Assign(errors + 1));
        FramingErrors.Assign(errors);
    }
}
