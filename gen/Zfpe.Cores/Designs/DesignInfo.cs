using Zfpe.Hdl;
using Zfpe.Hdl.Emit;

namespace Zfpe.Cores.Designs;

/// <summary>A design the CLI can generate, simulate and synthesise, named in kebab-case.</summary>
public sealed record DesignInfo(string Name, string Description, IReadOnlyList<DesignParameter> Parameters, Func<DesignSettings, Component> Create)
{
    /// <summary>Fills in defaults and validates <paramref name="given"/> (names, integers, ranges).</summary>
    public DesignSettings Resolve(IReadOnlyDictionary<string, string> given) => new(this, given);

    public Component Build(IReadOnlyDictionary<string, string> given) => Create(Resolve(given));

    public EmittedDesign Emit(IReadOnlyDictionary<string, string> given) => VerilogEmitter.Emit(Build(given));
}
