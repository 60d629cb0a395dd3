namespace Zfpe.Cores.Designs;

/// <summary>The resolved parameters of one design point: every parameter, defaults filled in.</summary>
public sealed class DesignSettings
{
    private readonly Dictionary<string, long> values;

    internal DesignSettings(DesignInfo design, IReadOnlyDictionary<string, string> given)
    {
        var known = design.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var key in given.Keys)
            if (!known.ContainsKey(key))
                throw new ArgumentException(design.Parameters.Count == 0
                    ? $"design '{design.Name}' has no parameters, but '{key}' was given"
                    : $"design '{design.Name}' has no parameter '{key}'; its parameters are: {string.Join(", ", design.Parameters.Select(p => p.Name))}");
        values = design.Parameters.ToDictionary(p => p.Name, p => given.TryGetValue(p.Name, out var t) ? p.Parse(t) : p.Default, StringComparer.Ordinal);
    }

    public long this[string name] => values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"internal: no parameter '{name}'");

    public int Int(string name) => checked((int)this[name]);

    public bool Flag(string name) => this[name] != 0;

    /// <summary>Every parameter and its value, in the design's declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> All => values.ToList();
}
