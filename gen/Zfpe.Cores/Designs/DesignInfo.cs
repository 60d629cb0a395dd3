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
    private readonly IReadOnlyDictionary<string, string> omitted;

    private DesignInfo(string name, string description, Type configType, Func<object, Component> create, IReadOnlyDictionary<string, string> omitted)
    {
        Name = name;
        Description = description;
        ConfigType = configType;
        this.create = create;
        this.omitted = omitted;
        foreach (var key in omitted.Keys)
            if (ConfigParameters.Of(configType).All(p => p.Name != key))
                throw new InvalidOperationException($"design '{name}' omits parameter '{key}', which {configType.Name} does not declare");
    }

    /// <summary>
    /// A design whose parameters are those <typeparamref name="TConfig"/> declares, except those in
    /// <paramref name="omit"/> (name → why the design does not take it): a config shared by designs
    /// that do not all take every parameter. The design is not listed with them, and refuses them.
    /// </summary>
    public static DesignInfo Of<TConfig>(string name, string description, Func<TConfig, Component> create, IReadOnlyDictionary<string, string>? omit = null) where TConfig : class =>
        new(name, description, typeof(TConfig), c => create((TConfig)c), omit ?? new Dictionary<string, string>());

    public string Name { get; }

    public string Description { get; }

    public Type ConfigType { get; }

    /// <summary>The parameters, in the config record's declaration order.</summary>
    public IReadOnlyList<ParameterSpec> Parameters => ConfigParameters.Of(ConfigType).Where(p => !omitted.ContainsKey(p.Name)).ToList();

    /// <summary>The config for <paramref name="given"/> <c>name=value</c> settings, defaults filled in; unknown names and bad values are errors naming them.</summary>
    public DesignSettings Resolve(IReadOnlyDictionary<string, string> given)
    {
        ArgumentNullException.ThrowIfNull(given);
        CheckNotOmitted(given.Keys);
        try
        {
            return new DesignSettings(ConfigParameters.Create(ConfigType, given), omitted.Keys);
        }
        catch (ArgumentException e) when (e.Message.StartsWith("there ", StringComparison.Ordinal))
        {
            throw new ArgumentException($"design '{Name}': {e.Message}", e);
        }
    }

    /// <summary>Throws, saying why, when <paramref name="names"/> holds a parameter of the config record that this design does not take.</summary>
    public void CheckNotOmitted(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var key in names)
            if (omitted.TryGetValue(key, out var why))
                throw new ArgumentException($"design '{Name}' does not take parameter '{key}': {why}; its parameters are: {string.Join(", ", Parameters.Select(p => p.Name))}");
    }

    public Component Build(IReadOnlyDictionary<string, string> given) => create(Resolve(given).Config);

    public Component Build(DesignSettings settings) => create(settings.Config);

    public EmittedDesign Emit(IReadOnlyDictionary<string, string> given) => VerilogEmitter.Emit(Build(given));

    public override string ToString() => Name;
}
