using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Uart;

namespace Zfpe.Hdl.Lib.Tests.Support;

/// <summary>
/// A transmitter and a receiver side by side, with separate pins, so one compiled model tests
/// both directions and, wired together by the test, the loopback.
/// </summary>
public sealed class UartHarness : Component
{
    public readonly Stream<UInt> TxInput;
    public readonly Bool Txd;
    public readonly Bool TxBusy;
    public readonly Bool Rxd;
    public readonly Stream<UInt> RxOutput;
    public readonly Bool FramingError;
    public readonly Bool Overrun;

    public UartHarness(UartConfig config)
    {
        Param("divisor", config.Divisor, 0);
        TxInput = In.Stream(8, name: "tx_in");
        Txd = Out.Bool("txd");
        TxBusy = Out.Bool("tx_busy");
        Rxd = In.Bool("rxd");
        RxOutput = Out.Stream(8, name: "rx_out");
        FramingError = Out.Bool("framing_error");
        Overrun = Out.Bool("overrun");

        var tx = Instance(new UartTx(config), "tx");
        tx.Input.ConnectFrom(TxInput);
        Txd.Assign(tx.Txd);
        TxBusy.Assign(tx.Busy);

        var rx = Instance(new UartRx(config), "rx");
        rx.Rxd.Assign(Rxd);
        RxOutput.ConnectFrom(rx.Output);
        FramingError.Assign(rx.FramingError);
        Overrun.Assign(rx.Overrun);
    }
}
