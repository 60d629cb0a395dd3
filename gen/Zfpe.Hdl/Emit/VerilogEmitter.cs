using Zfpe.Hdl.Elaboration;

namespace Zfpe.Hdl.Emit;

/// <summary>
/// Elaborates a component and renders it as Verilog: one module per distinct configuration,
/// children before parents. Identical instances share a module; two different modules with the
/// same name are an error (a parameter that changes the hardware was not registered with Param).
/// </summary>
public static class VerilogEmitter
{
    public static EmittedDesign Emit(Component top) => Emit(Elaborator.Elaborate(top));

    public static EmittedDesign Emit(ElaboratedDesign design)
    {
        var files = new List<VerilogFile>();
        var maps = new List<ModuleSourceMap>();
        var byName = new Dictionary<string, (string Text, Component From)>(StringComparer.Ordinal);
        foreach (var info in design.Modules)
        {
            if (info.Component is BlackBox) continue;
            var name = info.Component.ModuleName;
            var emitter = new ModuleEmitter(info, design.Info);
            var text = emitter.Emit();
            if (byName.TryGetValue(name, out var existing))
            {
                if (existing.Text != text)
                    throw new HdlException(info.Component.Declared,
                        $"two different modules are both named '{name}' ({existing.From.InstanceName ?? "top"} and {info.Component.InstanceName ?? "top"}): register the constructor parameter that makes them differ with Param(...)");
                continue;
            }
            byName[name] = (text, info.Component);
            files.Add(new VerilogFile(name, name + ".v", text));
            maps.Add(emitter.SourceMap!);
        }
        var topInfo = design.Info[design.Top];
        var ports = topInfo.Ports.Select(p => new PortInfo(
            p.Name!, p.Width, p.Role switch { SignalRole.Input => PortDirection.Input, SignalRole.InOut => PortDirection.InOut, _ => PortDirection.Output }, p.Kind == HdlKind.Signed,
            ReferenceEquals(p, topInfo.ClockPort) ? PortRole.Clock : ReferenceEquals(p, topInfo.ResetPort) ? PortRole.Reset : PortRole.Data)).ToList();
        return new EmittedDesign(design.Top.ModuleName, files, ports, new DesignSourceMap(design.Top.ModuleName, maps)) { Top = design.Top };
    }
}
