namespace Zfpe.Hdl.Elaboration;

/// <summary>A checked design: every component named, clocked and free of the errors the checks look for.</summary>
public sealed class ElaboratedDesign
{
    internal ElaboratedDesign(Component top, IReadOnlyList<ModuleInfo> modules, int nodeCount)
    {
        Top = top;
        Modules = modules;
        NodeCount = nodeCount;
        Info = modules.ToDictionary(m => m.Component);
    }

    public Component Top { get; }

    /// <summary>IR nodes in the design (signals, expression nodes, statements), counted over every instance.</summary>
    public int NodeCount { get; }

    /// <summary>Every component instance, children before parents.</summary>
    internal IReadOnlyList<ModuleInfo> Modules { get; }
    internal IReadOnlyDictionary<Component, ModuleInfo> Info { get; }
}
