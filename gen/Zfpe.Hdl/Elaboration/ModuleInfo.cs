namespace Zfpe.Hdl.Elaboration;

/// <summary>What elaboration learnt about one component instance.</summary>
internal sealed class ModuleInfo(Component component)
{
    public Component Component { get; } = component;

    /// <summary>The clock that drives the registers and children: the implicit port or the explicit domain.</summary>
    public Signal? Clock { get; set; }
    public Signal? Reset { get; set; }

    /// <summary>The implicit clk/reset ports (when the component has no explicit clock).</summary>
    public Signal? ClockPort { get; set; }
    public Signal? ResetPort { get; set; }

    public bool NeedsClock { get; set; }
    public bool NeedsReset { get; set; }

    /// <summary>Every port: implicit clock and reset first, then the declared ones in order.</summary>
    public List<Signal> Ports { get; } = [];

    /// <summary>The net in this module that carries each port of each child: <c>instance_port</c>, made unique.</summary>
    public Dictionary<Signal, string> ChildNets { get; } = [];

    /// <summary>For each output port, the input ports it depends on combinationally.</summary>
    public Dictionary<Signal, HashSet<Signal>> CombPaths { get; } = [];
}
