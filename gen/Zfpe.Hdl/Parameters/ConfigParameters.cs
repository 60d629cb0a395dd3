using System.Collections.Concurrent;
using System.Reflection;

namespace Zfpe.Hdl;

/// <summary>
/// The parameters a config record declares with <see cref="ParameterAttribute"/>: listing them,
/// making a config from <c>name=value</c> settings (defaults for the rest), checking one, and its
/// values as text (for module names, manifests and sweeps).
/// </summary>
public static class ConfigParameters
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<ParameterSpec>> Known = new();

    /// <summary>The parameters of <paramref name="configType"/>, in declaration order.</summary>
    public static IReadOnlyList<ParameterSpec> Of(Type configType)
    {
        ArgumentNullException.ThrowIfNull(configType);
        return Known.GetOrAdd(configType, t =>
        {
            var declared = t.GetProperties(BindingFlags.Instance | BindingFlags.Public)
                .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ParameterAttribute>()))
                .Where(x => x.Attribute is not null)
                .OrderBy(x => x.Property.MetadataToken)
                .ToList();
            var defaults = Construct(t, new Dictionary<string, object>());
            var specs = declared.Select(x => new ParameterSpec(x.Property, x.Attribute!, x.Property.GetValue(defaults)!)).ToList();
            var twice = specs.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null) throw new InvalidOperationException($"{t.Name} declares parameter '{twice.Key}' twice");
            return specs;
        });
    }

    public static IReadOnlyList<ParameterSpec> Of<TConfig>() => Of(typeof(TConfig));

    /// <summary>
    /// A config with the given settings (parsed and checked) and defaults for the rest; an unknown
    /// name is an error listing the parameters there are.
    /// </summary>
    public static TConfig Create<TConfig>(IReadOnlyDictionary<string, string> settings) where TConfig : class =>
        (TConfig)Create(typeof(TConfig), settings);

    public static object Create(Type configType, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var specs = Of(configType);
        foreach (var key in settings.Keys)
            if (specs.All(s => s.Name != key))
                throw new ArgumentException(specs.Count == 0
                    ? $"there are no parameters, but '{key}' was given"
                    : $"there is no parameter '{key}'; the parameters are: {string.Join(", ", specs.Select(s => s.Name))}");
        var values = specs.Where(s => settings.ContainsKey(s.Name)).ToDictionary(s => s.Property.Name, s => s.Parse(settings[s.Name]));
        return Construct(configType, values);
    }

    /// <summary>Checks every parameter of <paramref name="config"/> against its declaration (the config's own Validate adds the rules between parameters).</summary>
    public static void Check(object config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var s in Of(config.GetType())) s.Check(s.Property.GetValue(config)!);
    }

    /// <summary>Every parameter of <paramref name="config"/>: its declaration, its value as text, whether it is the default.</summary>
    public static IReadOnlyList<(ParameterSpec Spec, string Value, bool IsDefault)> Values(object config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Of(config.GetType()).Select(s =>
        {
            var v = s.Property.GetValue(config)!;
            return (s, s.Format(v), Equals(v, s.Default));
        }).ToList();
    }

    /// <summary>
    /// Makes a config: through its primary constructor when every argument has a default (a
    /// positional record), else through its parameterless constructor and init properties.
    /// </summary>
    private static object Construct(Type t, IReadOnlyDictionary<string, object> values)
    {
        var positional = t.GetConstructors()
            .Where(c => c.GetParameters().Length > 0 && c.GetParameters().All(p => p.HasDefaultValue))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        if (positional is not null)
        {
            var args = positional.GetParameters()
                .Select(p => values.TryGetValue(Upper(p.Name!), out var v) ? v : p.DefaultValue)
                .ToArray();
            var unused = values.Keys.Where(k => positional.GetParameters().All(p => Upper(p.Name!) != k)).ToList();
            var made = positional.Invoke(args);
            foreach (var k in unused) t.GetProperty(k)!.SetValue(made, values[k]);
            return made;
        }
        var plain = t.GetConstructor(Type.EmptyTypes)
            ?? throw new InvalidOperationException($"{t.Name} needs a parameterless constructor, or a primary constructor whose arguments all have defaults, to be made from settings");
        var config = plain.Invoke([]);
        foreach (var (k, v) in values) t.GetProperty(k)!.SetValue(config, v);
        return config;
    }

    private static string Upper(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
