namespace Zfpe.Cores.Designs;

/// <summary>One integer parameter of a design, with its default and allowed values.</summary>
public sealed record DesignParameter(string Name, string Description, long Default, long Min, long Max, IReadOnlyList<long>? Allowed = null)
{
    public string AllowedText => Allowed is { Count: > 0 } a ? string.Join("|", a) : $"{Min}..{Max}";

    public long Parse(string text)
    {
        if (!long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v))
            throw new ArgumentException($"parameter '{Name}' = '{text}' is not an integer (allowed: {AllowedText})");
        if (v < Min || v > Max || (Allowed is { Count: > 0 } a && !a.Contains(v)))
            throw new ArgumentException($"parameter '{Name}' = {v} is out of range (allowed: {AllowedText})");
        return v;
    }
}
