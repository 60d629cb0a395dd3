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
public sealed class Ulx3sAccel : Component
{
    public readonly Bool Clk25Mhz;
    public readonly UInt Btn;
    public readonly UInt Led;
    public readonly Bool FtdiRxd;
    public readonly Bool FtdiTxd;
    public readonly Bool WifiGpio0;

    /// <summary>Activity LEDs stay lit this many cycles after a byte (about 10 ms at 100 MHz).</summary>
    public const int ActivityBits = 20;

    public Ulx3sAccel(Ulx3sAccelConfig config, bool splitDataBus = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Params(config);
        Param("split", splitDataBus, false);

        Clk25Mhz = In.Bool("clk_25mhz");
        Btn = In.UInt(7, "btn");
        Led = Out.UInt(8, "led");
        FtdiRxd = Out.Bool("ftdi_rxd");
        FtdiTxd = In.Bool("ftdi_txd");
        WifiGpio0 = Out.Bool("wifi_gpio0");

        // ---- clock and reset
        var pll = Instance(new Ecp5Pll(config.Pll()), "pll");
        pll.ClockIn.Assign(Clk25Mhz);
        var clock = Wire.Bool("clk");
        clock.Assign(pll.ClockOut);
        var resetSync = Instance(new ResetSync(), "reset_sync");
        resetSync.Request.Assign(!pll.Locked | !Btn[0]);
        var reset = Wire.Bool("reset");
        reset.Assign(resetSync.Reset);
        UseClock(clock, reset);

        // ---- the accelerator on the serial line (ftdi_txd is what the FTDI sends, so the FPGA receives it)
        var system = Instance(new AccelSystem(config.Core with { PinRegisters = true }, config.Uart, config.IdleTimeoutCycles), "accel");
        system.Rxd.Assign(FtdiTxd);
        FtdiRxd.Assign(system.Txd);

        // ---- the SDRAM through the I/O cells
        var pins = Instance(new Ecp5SdramPins(splitDataBus), "sdram_pins");
        var controller = system.SdramPins;
        pins.Cke.Assign((Bool)controller[0]);
        pins.CsN.Assign((Bool)controller[1]);
        pins.RasN.Assign((Bool)controller[2]);
        pins.CasN.Assign((Bool)controller[3]);
        pins.WeN.Assign((Bool)controller[4]);
        pins.Ba.Assign((UInt)controller[5]);
        pins.A.Assign((UInt)controller[6]);
        pins.Dqm.Assign((UInt)controller[7]);
        pins.DqOut.Assign((UInt)controller[8]);
        pins.DqOe.Assign((Bool)controller[9]);
        system.SdramDqIn.Assign(pins.DqIn);
        Out.Bool("sdram_clk").Assign(pins.SdramClk);
        Out.Bool("sdram_cke").Assign(pins.SdramCke);
        Out.Bool("sdram_csn").Assign(pins.SdramCsn);
        Out.Bool("sdram_wen").Assign(pins.SdramWen);
        Out.Bool("sdram_rasn").Assign(pins.SdramRasn);
        Out.Bool("sdram_casn").Assign(pins.SdramCasn);
        Out.UInt(13, "sdram_a").Assign(pins.SdramA);
        Out.UInt(2, "sdram_ba").Assign(pins.SdramBa);
        Out.UInt(2, "sdram_dqm").Assign(pins.SdramDqm);
        if (splitDataBus)
        {
            Out.UInt(16, "sdram_d_out").Assign(pins.SdramDOut!);
            Out.Bool("sdram_d_oe").Assign(pins.SdramDOe!);
            pins.SdramDIn!.Assign(In.UInt(16, "sdram_d_in"));
        }
        else
        {
            Attach(pins.SdramD!, InOut.UInt(16, "sdram_d"));
        }

        // ---- LEDs
        var heartbeat = Reg.UInt(26, reset: 0, name: "heartbeat");
        heartbeat.Assign(heartbeat + 1);
        Bool Activity(Bool pulse, string name)
        {
            var left = Reg.UInt(ActivityBits, reset: 0, name: name);
            When(pulse, () => left.Assign(Hw.U((1UL << ActivityBits) - 1, ActivityBits))).ElseWhen(left != 0, () => left.Assign(left - 1));
            return left != 0;
        }
        Led.Assign(Hw.Cat(reset, pll.Locked, system.ErrorSeen, system.MemoryReady, system.Busy,
            Activity(system.TxByte, "sending"), Activity(system.RxByte, "receiving"), heartbeat[25]));

        // Keeps the ESP32 from resetting the FPGA through its programming line.
        WifiGpio0.Assign(true);
    }

    public Ulx3sAccelConfig Config { get; }
}
