using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Ecp5;

namespace Zfpe.Cores.Board;

/// <summary>
/// The ulx3s-codec board design: the ZFPe codec behind the ULX3S's USB serial port
/// (<see cref="CodecLink"/>, PROTOCOL.md), clocked by an EHXPLLL from the 25 MHz oscillator.
/// Ports carry the board's pin names (constraints/ulx3s_v20.lpf). A reset comes from power-up,
/// the PLL losing lock, or holding btn[0] (the power button, active low).
/// LEDs: 0 heartbeat (about 1.5 Hz at 100 MHz), 1 receiving, 2 sending, 3 request in progress,
/// 4 the last request had non-finite values, 5 the last request had an error (see the status
/// byte), 6 PLL locked, 7 in reset.
/// For simulation, pass the emitted design through <see cref="Ecp5SimulationModels.ForSimulation"/>
/// with clock port "clk_25mhz": the PLL model passes the oscillator through.
/// </summary>
public sealed class Ulx3sCodec : Ulx3sTop
{
    public Ulx3sCodec(Ulx3sCodecConfig config)
        : base(serialInput: true)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Params(config);

        // ---- clock and reset
        var (reset, locked) = ClockAndReset(config.Pll());

        // ---- the codec on the serial line (ftdi_txd is what the FTDI sends, so the FPGA receives it)
        var link = Instance(new CodecLink(config), "link");
        link.Rxd.Assign(FtdiTxd);
        FtdiRxd.Assign(link.Txd);

        // ---- LEDs
        var rxLight = ActivityLed(link.RxByte, "rx_light");
        var txLight = ActivityLed(link.TxByte, "tx_light");
        Led.Assign(Hw.Cat(reset, locked, link.ErrorSeen, link.NonFiniteSeen, link.Busy, txLight, rxLight, Heartbeat()));
    }

    public Ulx3sCodecConfig Config { get; }
}
