using Zfpe.Hdl;
using Zfpe.Hdl.Emit;

namespace Zfpe.Cores.Designs;

/// <summary>
/// A design the CLI can generate, simulate, synthesise and sweep, named in kebab-case: its config
/// record (which declares every parameter once, with <see cref="ParameterAttribute"/>) and how to
/// build the component from a config. Made with <see cref="Of{TConfig}"/>.
/// </summary>
public sealed class DesignInfo
{
    private readonly Func<object, Component> create;

    private DesignInfo(string name, string description, Type configType, Func<object, Component> create)
    {
        Name = name;
        Description = description;
        ConfigType = configType;
        this.create = create;
    }

    /// <summary>A design whose parameters are those <typeparamref name="TConfig"/> declares.</summary>
    public static DesignInfo Of<TConfig>(string name, string description, Func<TConfig, Component> create) where TConfig : class =>
        new(name, description, typeof(TConfig), c => create((TConfig)c));

    public string Name { get; }

    public string Description { get; }

    public Type ConfigType { get; }

    /// <summary>The parameters, in the config record's declaration order.</summary>
    public IReadOnlyList<ParameterSpec> Parameters => ConfigParameters.Of(ConfigType);

    /// <summary>The config for <paramref name="given"/> <c>name=value</c> settings, defaults filled in; unknown names and bad values are errors naming them.</summary>
    public DesignSettings Resolve(IReadOnlyDictionary<string, string> given)
    {
        ArgumentNullException.ThrowIfNull(given);
        try
        {
            return new DesignSettings(ConfigParameters.Create(ConfigType, given));
        }
        catch (ArgumentException e) when (e.Message.StartsWith("there ", StringComparison.Ordinal))
        {
            throw new ArgumentException($"design '{Name}': {e.Message}", e);
        }
    }

    public Component Build(IReadOnlyDictionary<string, string> given) => create(Resolve(given).Config);

    public Component Build(DesignSettings settings) => create(settings.Config);

    public EmittedDesign Emit(IReadOnlyDictionary<string, string> given) => VerilogEmitter.Emit(Build(given));

    public override string ToString() => Name;
}
