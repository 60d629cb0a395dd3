namespace Zfpe.Hdl.Elaboration;

/// <summary>
/// Decides, bottom-up, which components need a clock and a reset, and adds the implicit
/// <c>clk</c> and <c>reset</c> ports to those that use no explicit clock. A component gets a
/// reset port only when some register below it has a reset value, so no port is left unused.
/// </summary>
internal static class Clocking
{
    public const string ClockName = "clk";
    public const string ResetName = "reset";

    public static void Decide(ModuleInfo info, IReadOnlyDictionary<Component, ModuleInfo> all)
    {
        var c = info.Component;
        var children = c.Children.Where(ch => ch is not BlackBox).Select(ch => all[ch]).ToList();
        info.NeedsClock = c is not BlackBox && (c.Signals.Any(s => s.IsState) || c.Memories.Count > 0 || children.Any(ch => ch.NeedsClock)
            || c.Children.OfType<BlackBox>().Any(b => b.ClockPins.Count > 0));
        info.NeedsReset = c is not BlackBox && (c.Signals.Any(s => s.Role == SignalRole.Register && s.ResetValue is not null) || children.Any(ch => ch.NeedsReset));

        if (c.ExplicitClock is { } clock)
        {
            info.Clock = Own(c, clock, "clock");
            info.Reset = c.ExplicitReset is { } reset ? Own(c, reset, "reset") : null;
            if (info.NeedsReset && info.Reset is null)
                throw new HdlException(c.ClockLocation, $"{c.GetType().Name} has registers with reset values (or children that need a reset) but UseClock was given no reset signal");
        }
        else
        {
            if (info.NeedsClock)
            {
                info.ClockPort = info.Clock = new Signal(c, SignalRole.Input, HdlKind.Bool, 1, ClockName, c.Declared);
                info.Ports.Add(info.ClockPort);
            }
            if (info.NeedsReset)
            {
                info.ResetPort = info.Reset = new Signal(c, SignalRole.Input, HdlKind.Bool, 1, ResetName, c.Declared);
                info.Ports.Add(info.ResetPort);
            }
        }
        info.Ports.AddRange(c.Ports);
    }

    private static Signal Own(Component c, Bool value, string what)
    {
        var s = value.Signal;
        if (s is null || !ReferenceEquals(s.Owner, c) || s.Role is not (SignalRole.Input or SignalRole.Wire))
            throw new HdlException(c.ClockLocation, $"the {what} given to UseClock must be an input port or a wire of {c.GetType().Name}");
        return s;
    }
}
