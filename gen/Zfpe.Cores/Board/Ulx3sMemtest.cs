using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Sdram;
using Zfpe.Hdl.Lib.Uart;

namespace Zfpe.Cores.Board;

/// <summary>
/// The ulx3s-memtest board design: checks the ULX3S's SDRAM before the accelerator uses it. Pass
/// after pass it writes a pseudo-random pattern over <c>words</c> words (the whole chip by
/// default), reads it back, counts the words that differ and reports each pass on the USB serial
/// port as a line of text (<see cref="MemtestReport"/>) and on the LEDs. The memory path is the
/// accelerator's: the memory system (burst arbiter + SDRAM controller) and the ECP5 pin side
/// (<see cref="Ecp5SdramPins"/>), clocked by an EHXPLLL from the 25 MHz oscillator.
/// LEDs: 0 heartbeat (about 1.5 Hz at 100 MHz), 1 busy (a pass is running), 2 the last pass had
/// no error, 3 a pass had errors (stays lit until reset), 4 writing, 5 reading, 6 PLL locked,
/// 7 in reset or the SDRAM's init not done. btn[0] (the power button) held resets the design.
/// For simulation build it with <c>splitDataBus</c> (the bridge drives no inout port: the data
/// pads become <c>sdram_d_out</c>, <c>sdram_d_oe</c>, <c>sdram_d_in</c>) and pass the emitted
/// design through <see cref="Ecp5SimulationModels.ForSimulation"/> with clock port "clk_25mhz".
/// </summary>
public sealed class Ulx3sMemtest : Ulx3sTop
{
    public Ulx3sMemtest(Ulx3sMemtestConfig config, bool splitDataBus = false)
        : base(serialInput: false)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Params(config);
        Param("split", splitDataBus, false);

        // ---- clock and reset
        var (reset, locked) = ClockAndReset(config.Pll());

        // ---- the memory path: memory system, then the I/O cells and the board's pins
        var memory = Instance(new MemorySystem(config.Memory), "memory");
        SdramPins(memory.PinOutputs, memory.SdramDqIn, splitDataBus);

        // ---- the tester on port 0; port 1 stays idle
        var tester = Instance(new MemtestEngine(config), "tester");
        memory.Requests[0].ConnectFrom(tester.Request);
        tester.Response.ConnectFrom(memory.Responses[0]);
        tester.InitDone.Assign(memory.InitDone);
        memory.Requests[1].Valid.Assign(false);
        var idle = memory.Requests[1].Payload;
        idle.Address.Assign(Hw.U(0, idle.Address.Width));
        idle.Write.Assign(false);
        idle.Data.Assign(Hw.U(0, 16));
        idle.ByteEnable.Assign(Hw.U(0, 2));
        idle.WordsMinusOne.Assign(Hw.U(0, idle.WordsMinusOne.Width));
        memory.Responses[1].Ready.Assign(true);

        // ---- the report: a line of text per pass on the serial port
        var report = Instance(new MemtestReport(config.Memory.Controller.AddressBits, config.Words), "report");
        report.Result.ConnectFrom(tester.Result);
        var uart = Instance(new UartTx(config.Uart), "uart");
        uart.Input.ConnectFrom(report.Text);
        FtdiRxd.Assign(uart.Txd);

        // ---- LEDs
        var passed = Reg.Bool(reset: false, name: "last_pass_clean");
        var failed = Reg.Bool(reset: false, name: "failed");
        When(tester.Result.Fire, () =>
        {
            passed.Assign(tester.Result.Payload.Clean);
            When(!tester.Result.Payload.Clean, () => failed.Assign(true));
        });
        Led.Assign(Hw.Cat(reset | !memory.InitDone, locked, tester.Reading, tester.Writing, failed, passed,
            tester.Writing | tester.Reading, Heartbeat()));
    }

    public Ulx3sMemtestConfig Config { get; }
}
