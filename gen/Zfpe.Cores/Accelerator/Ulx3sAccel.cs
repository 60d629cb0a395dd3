using Zfpe.Cores.Board;
using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Sdram;

namespace Zfpe.Cores.Accelerator;

/// <summary>
/// The ulx3s-accel board design: the ZFPe accelerator (<see cref="AccelSystem"/>: the host protocol of
/// PROTOCOL.md on the USB serial port, the accelerator core, its memory system) with the ULX3S's SDRAM
/// through the ECP5 pin side (<see cref="Ecp5SdramPins"/>), clocked by an EHXPLLL from the 25 MHz
/// oscillator. Ports carry the board's pin names (constraints/ulx3s_v20.lpf).
/// LEDs: 0 heartbeat (about 1.5 Hz at 100 MHz), 1 receiving, 2 sending, 3 a layer runs, 4 the SDRAM
/// is initialised, 5 the last reply reported an error, 6 PLL locked, 7 in reset. btn[0] (the power
/// button) held resets the design.
/// For simulation build it with <c>splitDataBus</c> (the data pads become <c>sdram_d_out</c>,
/// <c>sdram_d_oe</c>, <c>sdram_d_in</c>) and pass the emitted design through
/// <see cref="Ecp5SimulationModels.ForSimulation"/> with clock port "clk_25mhz".
/// </summary>
public sealed class Ulx3sAccel : Ulx3sTop
{
    public Ulx3sAccel(Ulx3sAccelConfig config, bool splitDataBus = false)
        : base(serialInput: true)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Params(config);
        Param("split", splitDataBus, false);

        // ---- clock and reset
        var (reset, locked) = ClockAndReset(config.Pll());

        // ---- the accelerator on the serial line (ftdi_txd is what the FTDI sends, so the FPGA receives it)
        var system = Instance(new AccelSystem(config.Core with { PinRegisters = true }, config.Uart, config.IdleTimeoutCycles), "accel");
        system.Rxd.Assign(FtdiTxd);
        FtdiRxd.Assign(system.Txd);

        // ---- the SDRAM through the I/O cells
        SdramPins(system.SdramPins, system.SdramDqIn, splitDataBus);

        // ---- LEDs
        Led.Assign(Hw.Cat(reset, locked, system.ErrorSeen, system.MemoryReady, system.Busy,
            ActivityLed(system.TxByte, "sending"), ActivityLed(system.RxByte, "receiving"), Heartbeat()));
    }

    public Ulx3sAccelConfig Config { get; }
}
