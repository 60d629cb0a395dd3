using Zfpe.Cores.Accelerator;
using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Uart;
using Zfpe.Host;
using Zfpe.Sim;
using Zfpe.Sim.Sdram;

namespace Zfpe.Cli.Adapters;

/// <summary>
/// The ulx3s-accel board design (<see cref="Ulx3sAccel"/>, its data pads split, the EHXPLLL model passing
/// the oscillator through) Verilated, with the SDRAM chip model (<see cref="SdramAgent"/>, every datasheet
/// rule checked) on the board's SDRAM pins, seen from the host through its UART pins: bytes written go onto <c>rxd</c> as 8N1 frames at the build's divisor,
/// what it sends on <c>txd</c> is decoded back into bytes. Timeouts are simulated time at the design
/// clock. The chip's memory is also reachable directly (<see cref="IAccelMemoryBackdoor"/>), so large
/// runs load and read back without the serial line and only set up and start layers over it.
/// </summary>
public sealed class SimulatedAccelBoard : HostLink, ICycleAgent, IAccelMemoryBackdoor
{
    private readonly Queue<byte> _received = new();
    private readonly SimPort _rxd;
    private readonly SimPort _txd;
    private int _consumed;

    public SimulatedAccelBoard(Ulx3sAccelConfig config, string name)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Top = new Ulx3sAccel(config, splitDataBus: true);
        Simulation = Simulation.Create(Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(Top), clockPort: Top.Clk25Mhz), new SimOptions { Name = name });
        Chip = new SdramModel(config.Core.Memory.Controller.Timing);
        _ = new SdramAgent(Simulation, Chip, SdramPinNames.Ulx3s);
        Divisor = config.Uart.Divisor;
        ToBoard = new UartSerializer(Divisor);
        FromBoard = new UartDeserializer(Divisor);
        _rxd = Simulation.Port(Top.FtdiTxd);
        _txd = Simulation.Port(Top.FtdiRxd);
        Simulation.Poke(_rxd, 1UL);
        Simulation.Poke(Top.Btn, 1UL);   // btn[0] is active low (the power button)
        Simulation.Attach(this);
        Simulation.RunUntil(() => Led(MemoryReadyLed) == 1, 400_000, "the SDRAM's init sequence");
    }

    /// <summary>LED 4: the SDRAM is initialised.</summary>
    public const int MemoryReadyLed = 4;

    public Ulx3sAccelConfig Config { get; }
    public Ulx3sAccel Top { get; }
    public Simulation Simulation { get; }
    public SdramModel Chip { get; }
    public int Divisor { get; }
    public UartSerializer ToBoard { get; }
    public UartDeserializer FromBoard { get; }

    public override string Description => $"the simulated accelerator (pes={Config.Pes}, b={Config.B}; {Config.ClockMhz} MHz, divisor {Divisor})";

    public override void Write(ReadOnlySpan<byte> data)
    {
        foreach (var b in data) ToBoard.Enqueue(b);
    }

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

    public int Led(int index) => (int)(Simulation.Peek(Top.Led) >> index & 1);

    public void Load(long wordAddress, ReadOnlySpan<ushort> words) => Chip.Load(wordAddress, words);

    public ushort[] Dump(long wordAddress, int count) => Chip.Dump(wordAddress, count);

    public void Drive(Simulation simulation) => simulation.Poke(_rxd, ToBoard.Next() ? 1UL : 0UL);

    public void Sample(Simulation simulation)
    {
        FromBoard.Push(simulation.Peek(_txd) != 0);
        while (_consumed < FromBoard.Received.Count)
        {
            var r = FromBoard.Received[_consumed++];
            if (r.FramingError) throw simulation.Failure("the accelerator sent a frame with a 0 stop bit on ftdi_rxd");
            _received.Enqueue(r.Value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Simulation.Dispose();
    }
}
