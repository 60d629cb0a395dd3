using Zfpe.Hdl;

namespace Zfpe.Cores.Designs;

/// <summary>The resolved parameters of one design point: its config record and every parameter's value, defaults filled in.</summary>
public sealed class DesignSettings
{
    internal DesignSettings(object config, IEnumerable<string> omitted)
    {
        Config = config;
        Values = ConfigParameters.Values(config).Where(v => !omitted.Contains(v.Spec.Name)).ToList();
    }

    /// <summary>The design's config record.</summary>
    public object Config { get; }

    /// <summary>Every parameter with its value as users write it, in declaration order.</summary>
    public IReadOnlyList<(ParameterSpec Spec, string Value, bool IsDefault)> Values { get; }

    /// <summary>Every parameter and its value as text (<c>lanes</c> → <c>4</c>, a flag as 0/1).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> All => Values.Select(v => KeyValuePair.Create(v.Spec.Name, v.Value)).ToList();

    /// <summary>
    /// A file-system name for this design point: the design's name and every parameter that is
    /// not at its default, in declaration order (<c>compressor-b9-lanes4</c>; <c>compressor</c> for
    /// the defaults). Two different points never share it, so their output folders never collide.
    /// </summary>
    public string PointName(string design) =>
        string.Join("-", Values.Where(v => !v.IsDefault).Select(v => v.Spec.Name + Safe(v.Value)).Prepend(design));

    private static string Safe(string value) =>
        new(value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? c : '_').ToArray());

    /// <summary>The value of parameter <paramref name="name"/>, typed (int, long, bool or enum).</summary>
    public object this[string name] =>
        Values.FirstOrDefault(v => v.Spec.Name == name) is { Spec: not null } v
            ? v.Spec.Property.GetValue(Config)!
            : throw new KeyNotFoundException($"internal: no parameter '{name}'");
}
