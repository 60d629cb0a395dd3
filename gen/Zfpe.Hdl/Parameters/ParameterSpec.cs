using System.Globalization;
using System.Reflection;

namespace Zfpe.Hdl;

/// <summary>One parameter of a config record, as <see cref="ParameterAttribute"/> declares it: how to parse, check and print its values.</summary>
public sealed class ParameterSpec
{
    internal ParameterSpec(PropertyInfo property, ParameterAttribute attribute, object defaultValue)
    {
        Property = property;
        Name = attribute.Name;
        Description = attribute.Description;
        Type = property.PropertyType;
        if (Type != typeof(int) && Type != typeof(long) && Type != typeof(bool) && !Type.IsEnum)
            throw new InvalidOperationException($"parameter '{Name}' ({property.DeclaringType?.Name}.{property.Name}) is a {Type.Name}: parameters are int, long, bool or an enum");
        Min = Type == typeof(int) ? Math.Max(attribute.Min, int.MinValue) : attribute.Min;
        Max = Type == typeof(int) ? Math.Min(attribute.Max, int.MaxValue) : attribute.Max;
        Allowed = attribute.Allowed;
        Choices = Type.IsEnum ? Enum.GetNames(Type).Select(n => Component.SnakeCase(n).Replace('_', '-')).ToList() : null;
        Default = defaultValue;
        Check(defaultValue);
    }

    public PropertyInfo Property { get; }

    /// <summary>The name users write: <c>exponent-bits</c>.</summary>
    public string Name { get; }

    public string Description { get; }

    /// <summary>int, long, bool or an enum type.</summary>
    public Type Type { get; }

    public object Default { get; }

    public long Min { get; }

    public long Max { get; }

    public IReadOnlyList<long>? Allowed { get; }

    /// <summary>An enum parameter's values as users write them (kebab-case member names).</summary>
    public IReadOnlyList<string>? Choices { get; }

    /// <summary>What may be given: <c>1..28</c>, <c>1|2|4|8</c>, <c>0|1</c>, <c>truncate|nearest</c>.</summary>
    public string AllowedText =>
        Choices is not null ? string.Join("|", Choices)
        : Type == typeof(bool) ? "0|1"
        : Allowed is { Count: > 0 } a ? string.Join("|", a)
        : Min == long.MinValue && Max == long.MaxValue ? "any integer"
        : Max == long.MaxValue ? $"{Min} or more"
        : $"{Min}..{Max}";

    /// <summary>Parses a value as given on the command line; the error names the parameter, the value and what is allowed.</summary>
    public object Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        object value;
        if (Choices is not null)
        {
            var i = Choices.ToList().FindIndex(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
            if (i < 0) throw new ParameterValueException($"parameter '{Name}' = '{text}' is not one of {AllowedText}", Property.Name);
            value = Enum.GetValues(Type).GetValue(i)!;
        }
        else if (Type == typeof(bool))
        {
            value = text.ToLowerInvariant() switch
            {
                "1" or "true" or "yes" => true,
                "0" or "false" or "no" => false,
                _ => throw new ParameterValueException($"parameter '{Name}' = '{text}' is not a flag (allowed: 0|1)", Property.Name),
            };
        }
        else
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
                throw new ParameterValueException($"parameter '{Name}' = '{text}' is not an integer (allowed: {AllowedText})", Property.Name);
            if (Type == typeof(int) && v is < int.MinValue or > int.MaxValue)
                throw new ParameterValueException($"parameter '{Name}' = {v} is out of range (allowed: {AllowedText})", Property.Name);
            value = Type == typeof(int) ? (object)(int)v : v;
        }
        Check(value);
        return value;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the parameter, the value and what is allowed, when <paramref name="value"/> is not.</summary>
    public void Check(object value)
    {
        if (Type == typeof(bool) || Type.IsEnum)
        {
            if (Type.IsEnum && !Enum.IsDefined(Type, value))
                throw new ParameterValueException($"parameter '{Name}' = {value} is not one of {AllowedText}", Property.Name);
            return;
        }
        var v = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        if (v < Min || v > Max || (Allowed is { Count: > 0 } a && !a.Contains(v)))
            throw new ParameterValueException($"parameter '{Name}' = {v} is out of range (allowed: {AllowedText})", Property.Name);
    }

    /// <summary>The value as users write it: <c>5</c>, <c>1</c>/<c>0</c> for a flag, <c>nearest</c> for an enum.</summary>
    public string Format(object value) =>
        value switch
        {
            bool b => b ? "1" : "0",
            Enum e => Choices![Array.IndexOf(Enum.GetValues(Type), e)],
            _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        };

    public override string ToString() => $"{Name} (default {Format(Default)}, allowed {AllowedText})";
}
