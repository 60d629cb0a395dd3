using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Sdram;

namespace Zfpe.Cores.Board;

/// <summary>
/// What every ULX3S board design has in common: its board ports (the 25 MHz oscillator, the buttons,
/// the eight LEDs, the USB serial pins, wifi_gpio0 held high so that the ESP32 does not reset the FPGA),
/// and as protected steps for the constructor the design clock from an EHXPLLL on the oscillator with
/// its reset (<see cref="ClockAndReset"/>), the LEDs' helpers and the SDRAM behind the ECP5 pin side
/// (<see cref="SdramPins"/>). Port names are those of constraints/ulx3s_v20.lpf.
/// </summary>
public abstract class Ulx3sTop : Component
{
    public readonly Bool Clk25Mhz;
    public readonly UInt Btn;
    public readonly UInt Led;

    /// <summary>The FPGA's serial output: what the FTDI chip receives.</summary>
    public readonly Bool FtdiRxd;

    /// <summary>Low at power-up; held high so that the ESP32 does not reset the FPGA through its programming line.</summary>
    public readonly Bool WifiGpio0;

    private readonly Bool? ftdiTxd;

    /// <summary>Declares the board ports; <paramref name="serialInput"/>: the design has the serial input <c>ftdi_txd</c> (what the FTDI chip sends).</summary>
    protected Ulx3sTop(bool serialInput)
    {
        Clk25Mhz = In.Bool("clk_25mhz");
        Btn = In.UInt(7, "btn");
        Led = Out.UInt(8, "led");
        FtdiRxd = Out.Bool("ftdi_rxd");
        ftdiTxd = serialInput ? In.Bool("ftdi_txd") : null;
        WifiGpio0 = Out.Bool("wifi_gpio0");
        WifiGpio0.Assign(true);
    }

    /// <summary>The FPGA's serial input: what the FTDI chip sends.</summary>
    public Bool FtdiTxd => ftdiTxd ?? throw new InvalidOperationException($"{GetType().Name} has no ftdi_txd input");

    /// <summary>
    /// The PLL makes the design clock from <c>clk_25mhz</c>; a reset comes from power-up, the PLL losing
    /// lock, or holding btn[0] (the power button, active low). Clocks this component from them; returns
    /// the reset and the PLL's lock, for LEDs.
    /// </summary>
    protected (Bool Reset, Bool Locked) ClockAndReset(PllSettings pllSettings)
    {
        var pll = Instance(new Ecp5Pll(pllSettings), "pll");
        pll.ClockIn.Assign(Clk25Mhz);
        var clock = Wire.Bool("clk");
        clock.Assign(pll.ClockOut);
        var resetSync = Instance(new ResetSync(), "reset_sync");
        resetSync.Request.Assign(!pll.Locked | !Btn[0]);
        var reset = Wire.Bool("reset");
        reset.Assign(resetSync.Reset);
        UseClock(clock, reset);
        return (reset, pll.Locked);
    }

    /// <summary>The heartbeat LED: bit 25 of a free-running counter, about 1.5 Hz at 100 MHz.</summary>
    protected Bool Heartbeat()
    {
        var heartbeat = Reg.UInt(26, reset: 0, name: "heartbeat");
        heartbeat.Assign(heartbeat + 1);
        return heartbeat[25];
    }

    /// <summary>Activity LEDs stay lit this many cycles after a pulse (about 10 ms at 100 MHz): a single byte stays visible.</summary>
    public const int ActivityBits = 20;

    /// <summary>
    /// An activity LED: lit for 2^<see cref="ActivityBits"/> − 1 cycles after each <paramref name="pulse"/>. The pulse
    /// and "still lit" are registers, so the LED is a cycle late and no path runs from the pulse's logic through
    /// the counter's compare into its enable.
    /// </summary>
    protected Bool ActivityLed(Bool pulse, string name)
    {
        var seen = Reg.Next(pulse, reset: 0, name: $"{name}_pulse");
        var left = Reg.UInt(ActivityBits, reset: 0, name: $"{name}_cycles");
        var lit = Reg.Bool(reset: false, name: $"{name}_lit");
        When(seen, () =>
        {
            left.Assign(Hw.U((1UL << ActivityBits) - 1, ActivityBits));
            lit.Assign(true);
        }).ElseWhen(lit, () =>
        {
            left.Assign(left - 1);
            lit.Assign(left != 1);
        });
        return lit;
    }

    /// <summary>
    /// The board's SDRAM pins (<c>sdram_clk</c> … <c>sdram_d</c>) through <see cref="Ecp5SdramPins"/>, driven
    /// by <paramref name="controllerPins"/> (an SDRAM controller's pins built with pin registers, in the order
    /// of <see cref="SdramController.PinOutputs"/>); the read word goes to <paramref name="controllerDqIn"/>.
    /// With <paramref name="splitDataBus"/> (simulation) the data pads are <c>sdram_d_out</c>, <c>sdram_d_oe</c>
    /// and <c>sdram_d_in</c> instead of the inout <c>sdram_d</c>.
    /// </summary>
    protected void SdramPins(IReadOnlyList<HdlValue> controllerPins, UInt controllerDqIn, bool splitDataBus)
    {
        ArgumentNullException.ThrowIfNull(controllerPins);
        var pins = Instance(new Ecp5SdramPins(splitDataBus), "sdram_pins");
        pins.Cke.Assign((Bool)controllerPins[0]);
        pins.CsN.Assign((Bool)controllerPins[1]);
        pins.RasN.Assign((Bool)controllerPins[2]);
        pins.CasN.Assign((Bool)controllerPins[3]);
        pins.WeN.Assign((Bool)controllerPins[4]);
        pins.Ba.Assign((UInt)controllerPins[5]);
        pins.A.Assign((UInt)controllerPins[6]);
        pins.Dqm.Assign((UInt)controllerPins[7]);
        pins.DqOut.Assign((UInt)controllerPins[8]);
        pins.DqOe.Assign((Bool)controllerPins[9]);
        controllerDqIn.Assign(pins.DqIn);
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
    }
}
