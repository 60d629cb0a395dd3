using Zfpe.Hdl.Lib.Uart;

namespace Zfpe.Hdl.Lib.Tests.Support;

/// <summary>Drives a UART input pin from a <see cref="UartSerializer"/>, one level per cycle.</summary>
public sealed class LineDriver : ICycleAgent
{
    private readonly SimPort _pin;

    public LineDriver(Simulation simulation, string pin, UartSerializer serializer)
        : this(simulation, simulation.Port(pin), serializer)
    {
    }

    public LineDriver(Simulation simulation, SimPort pin, UartSerializer serializer)
    {
        _pin = pin;
        Serializer = serializer;
        simulation.Poke(_pin, 1UL);
        simulation.Attach(this);
    }

    public UartSerializer Serializer { get; }

    /// <summary>The level driven in every cycle so far, from the first cycle this agent ran.</summary>
    public List<bool> Levels { get; } = [];

    /// <summary>The simulation cycle of <c>Levels[0]</c>.</summary>
    public long FirstCycle { get; private set; } = -1;

    public void Drive(Simulation simulation)
    {
        if (FirstCycle < 0) FirstCycle = simulation.Cycle;
        var level = Serializer.Next();
        Levels.Add(level);
        simulation.Poke(_pin, level ? 1UL : 0UL);
    }

    public void Sample(Simulation simulation)
    {
    }
}

/// <summary>Records a 1-bit output in every cycle (and optionally copies it to an input pin in the next cycle).</summary>
public sealed class PinRecorder : ICycleAgent
{
    private readonly SimPort _pin;
    private readonly SimPort? _loopTo;
    private bool _last = true;

    public PinRecorder(Simulation simulation, string pin, string? loopTo = null)
        : this(simulation, simulation.Port(pin), loopTo is null ? null : simulation.Port(loopTo))
    {
    }

    public PinRecorder(Simulation simulation, SimPort pin, SimPort? loopTo = null)
    {
        _pin = pin;
        _loopTo = loopTo;
        if (_loopTo is not null) simulation.Poke(_loopTo, 1UL);
        simulation.Attach(this);
    }

    public List<bool> Levels { get; } = [];

    /// <summary>The simulation cycle of <c>Levels[0]</c>.</summary>
    public long FirstCycle { get; private set; } = -1;

    /// <summary>Cycles in which the pin was high (for pulse outputs).</summary>
    public List<long> HighCycles { get; } = [];

    public void Drive(Simulation simulation)
    {
        if (_loopTo is not null) simulation.Poke(_loopTo, _last ? 1UL : 0UL);
    }

    public void Sample(Simulation simulation)
    {
        if (FirstCycle < 0) FirstCycle = simulation.Cycle;
        _last = simulation.Peek(_pin) != 0;
        Levels.Add(_last);
        if (_last) HighCycles.Add(simulation.Cycle);
    }
}
