namespace Zfpe.Hdl;

/// <summary>
/// Declares a property of a config record as a parameter of the hardware, once: its name as users
/// write it (<c>exponent-bits</c>), one line of documentation, and the allowed values (a range, a
/// list, or an enum's members; a bool is 0/1). Module names, the design catalog, <c>zfpe designs</c>,
/// <c>--set</c> validation and sweeps all read it from here (<see cref="ConfigParameters"/>). On a
/// positional record, put it on the property: <c>[property: Parameter("b", "...", Min = 1, Max = 28)] int B = 5</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class ParameterAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    /// <summary>Smallest allowed value of an integer parameter.</summary>
    public long Min { get; set; } = long.MinValue;

    /// <summary>Largest allowed value of an integer parameter.</summary>
    public long Max { get; set; } = long.MaxValue;

    /// <summary>The only values allowed, when they are a list rather than a range.</summary>
    public long[]? Allowed { get; set; }
}
