using Zfpe.Cli.Commands;
using Zfpe.Cores.Board;
using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Uart;
using Zfpe.Sim;

namespace Zfpe.Board.Tests.Support;

/// <summary>
/// The ulx3s-codec top, Verilated with the EHXPLLL model, seen from the host through its UART
/// pins: bytes written go onto ftdi_txd as 8N1 frames at the design's divisor, and what the
/// design sends on ftdi_rxd is decoded back into bytes. Timeouts are simulated time at the
/// design clock, so a quiet board costs cycles, not seconds.
/// </summary>
public sealed class SimulatedBoard : HostLink, ICycleAgent
{
    private readonly Queue<byte> _received = new();
    private readonly SimPort _txd;
    private readonly SimPort _rxd;
    private int _consumed;

    public SimulatedBoard(Ulx3sCodecConfig config, string name)
    {
        Config = config;
        var top = new Ulx3sCodec(config);
        Top = top;
        Design = Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(top), clockPort: top.Clk25Mhz);
        Simulation = Zfpe.Sim.Simulation.Create(Design, new SimOptions { Name = name });
        Divisor = config.Uart.Divisor;
        ToBoard = new UartSerializer(Divisor);
        FromBoard = new UartDeserializer(Divisor);
        _txd = Simulation.Port(top.FtdiTxd);
        _rxd = Simulation.Port(top.FtdiRxd);
        Simulation.Poke(_txd, 1UL);
        ReleaseButton();
        Simulation.Attach(this);
        // The reset synchroniser holds the design in reset for a few cycles after power-up.
        Simulation.RunUntil(() => (Simulation.Peek(top.Led) & 0x80) == 0, 100, "the power-up reset to end");
    }

    public Ulx3sCodecConfig Config { get; }
    public Ulx3sCodec Top { get; }
    public EmittedDesign Design { get; }
    public Simulation Simulation { get; }
    public int Divisor { get; }
    public UartSerializer ToBoard { get; }
    public UartDeserializer FromBoard { get; }

    public override string Description => $"simulated {Design.TopModule} (divisor {Divisor})";

    public void PressButton() => Simulation.Poke(Top.Btn, 0UL);

    /// <summary>btn[0] is active low (the power button); the others are active high.</summary>
    public void ReleaseButton() => Simulation.Poke(Top.Btn, 1UL);

    public int Led(int index) => (int)(Simulation.Peek(Top.Led) >> index & 1);

    public override void Write(ReadOnlySpan<byte> data)
    {
        foreach (var b in data) ToBoard.Enqueue(b);
    }

    /// <summary>Queues one frame with a 0 stop bit, as a line at the wrong baud rate would.</summary>
    public void WriteWithFramingError(byte value) => ToBoard.Enqueue(value, stopBit: false);

    public override int Read(Span<byte> buffer, TimeSpan timeout)
    {
        if (buffer.IsEmpty) return 0;
        var budget = (long)(timeout.TotalSeconds * Config.ClockHz);
        for (long c = 0; _received.Count == 0 && c < budget; c++) Simulation.Step();
        var n = 0;
        while (n < buffer.Length && _received.Count > 0) buffer[n++] = _received.Dequeue();
        return n;
    }

    public override void DiscardInput() => _received.Clear();

    /// <summary>Runs until everything written has left the host's transmitter.</summary>
    public void Flush() => Simulation.RunUntil(() => ToBoard.IsIdle, 100L * Divisor * 10 * 4096, "the host's bytes to be sent");

    public void Drive(Simulation simulation) => simulation.Poke(_txd, ToBoard.Next() ? 1UL : 0UL);

    public void Sample(Simulation simulation)
    {
        FromBoard.Push(simulation.Peek(_rxd) != 0);
        while (_consumed < FromBoard.Received.Count)
        {
            var r = FromBoard.Received[_consumed++];
            if (r.FramingError) throw simulation.Failure("the board sent a frame with a 0 stop bit on ftdi_rxd");
            _received.Enqueue(r.Value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Simulation.Dispose();
    }
}
