namespace Zfpe.Hdl.Elaboration;

/// <summary>
/// Turns a constructed component tree into a checked design: names every signal, memory and
/// instance, decides which components need the implicit clock and reset, and runs the checks
/// (drivers, widths, latches, loops, names). The first problem found is thrown as an
/// <see cref="HdlException"/> carrying the C# location to fix.
/// </summary>
public static class Elaborator
{
    public static ElaboratedDesign Elaborate(Component top)
    {
        Construction.FinishTop(top);
        if (top.Parent is not null)
            throw new HdlException(top.Declared, $"{top.GetType().Name} is an instance inside {top.Parent.GetType().Name}; elaborate the top component instead");

        var order = new List<Component>();
        PostOrder(top, order);
        var infos = order.Select(c => new ModuleInfo(c)).ToList();
        var byComponent = infos.ToDictionary(i => i.Component);

        foreach (var info in infos) Clocking.Decide(info, byComponent);
        foreach (var info in infos) Naming.NameAll(info);
        foreach (var info in infos)
            foreach (var machine in info.Component.StateMachines) machine.Check();
        var nodes = 0;
        foreach (var info in infos)
        {
            nodes += DriverCheck.Run(info, byComponent);
            LoopCheck.Run(info, byComponent);
        }
        return new ElaboratedDesign(top, infos, nodes);
    }

    private static void PostOrder(Component c, List<Component> order)
    {
        foreach (var child in c.Children) PostOrder(child, order);
        order.Add(c);
    }
}
