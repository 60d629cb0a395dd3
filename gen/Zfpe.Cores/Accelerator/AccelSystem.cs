using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Sdram;
using Zfpe.Hdl.Lib.Uart;

namespace Zfpe.Cores.Accelerator;

/// <summary>
/// The accelerator on a serial line: an <see cref="AccelLink"/> (the host protocol, PROTOCOL.md) in
/// front of an <see cref="AcceleratorCore"/>. Its ports are the UART's two wires and the SDRAM chip's
/// pins (the data bus split into <c>sdram_dq_out</c>, <c>sdram_dq_oe</c>, <c>sdram_dq_in</c>): what the
/// ulx3s-accel board design wraps with its clock, reset, LEDs and I/O buffers, and what a simulation
/// drives with a UART model and the SDRAM chip model.
/// </summary>
public sealed class AccelSystem : Component
{
    public readonly Bool Rxd;
    public readonly Bool Txd;
    public readonly UInt SdramDqIn;

    /// <summary>Status for LEDs: a layer runs, the SDRAM is initialised, a byte received, a byte sent, the last reply reported an error.</summary>
    public readonly Bool Busy, MemoryReady, RxByte, TxByte, ErrorSeen;

    public AccelSystem(AcceleratorCoreConfig core, UartConfig uart, long idleTimeoutCycles)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(uart);
        var link = Instance(new AccelLink(core, uart, idleTimeoutCycles), "link");
        var accelerator = Instance(new AcceleratorCore(core), "core");
        Core = accelerator;
        Params(core);
        Param("pin_registers", core.PinRegisters, false);
        Param("clock_hz", uart.ClockHz, 100_000_000L);
        Param("baud", uart.BaudRate, 3_000_000L);
        Param("timeout", idleTimeoutCycles, 10_000_000L);

        Rxd = In.Bool("rxd");
        Txd = Out.Bool("txd");
        link.Rxd.Assign(Rxd);
        Txd.Assign(link.Txd);

        accelerator.Settings.Assign(link.Settings);
        accelerator.Start.Assign(link.Start);
        link.CoreBusy.Assign(accelerator.Busy);
        link.MemoryReady.Assign(accelerator.MemoryReady);
        link.NonFinite.Assign(accelerator.NonFinite);
        UInt[] counters = [accelerator.BusyCycles, accelerator.WeightStarvedCycles, accelerator.InputStarvedCycles, accelerator.ResultStalledCycles,
            accelerator.WeightsTaken, accelerator.WordsRead, accelerator.WordsWritten];
        for (var i = 0; i < counters.Length; i++) link.Counters[i].Assign(counters[i]);
        accelerator.HostRequest.ConnectFrom(link.MemoryRequest);
        link.MemoryResponse.ConnectFrom(accelerator.HostResponse);

        SdramPins = SdramPinForwarding.Forward(accelerator.SdramPins, name => Out.Bool(name: name), (width, name) => Out.UInt(width, name: name));
        SdramDqIn = In.UInt(16, name: "sdram_dq_in");
        accelerator.SdramDqIn.Assign(SdramDqIn);

        Busy = Out.Bool("busy");
        Busy.Assign(accelerator.Busy);
        MemoryReady = Out.Bool("memory_ready");
        MemoryReady.Assign(accelerator.MemoryReady);
        RxByte = Out.Bool("rx_byte");
        RxByte.Assign(link.RxByte);
        TxByte = Out.Bool("tx_byte");
        TxByte.Assign(link.TxByte);
        ErrorSeen = Out.Bool("error_seen");
        ErrorSeen.Assign(link.ErrorSeen);
    }

    public AcceleratorCore Core { get; }

    /// <summary>The SDRAM controller's pins (cke, cs_n, ras_n, cas_n, we_n, ba, a, dqm, dq_out, dq_oe), for the board's pin side.</summary>
    public IReadOnlyList<HdlValue> SdramPins { get; }
}
