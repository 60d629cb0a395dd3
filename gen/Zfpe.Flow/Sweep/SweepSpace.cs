namespace Zfpe.Flow.Sweep;

/// <summary>
/// The parameter space of a sweep: the cartesian product of its axes, parsed from repeated
/// `--set name=v1,v2,...` arguments. The first axis varies slowest, so the points of one value
/// of the first parameter are listed together.
/// </summary>
public sealed class SweepSpace
{
    public SweepSpace(IReadOnlyList<SweepAxis> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        Axes = axes;
    }

    public IReadOnlyList<SweepAxis> Axes { get; }

    /// <summary>How many points the product has (1 for no axes: the design's defaults).</summary>
    public long Count => Axes.Aggregate(1L, (n, a) => checked(n * a.Values.Count));

    /// <summary>Parses `--set` arguments; throws <see cref="ArgumentException"/> saying which argument is wrong and how to write it.</summary>
    public static SweepSpace Parse(IEnumerable<string> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var axes = new List<SweepAxis>();
        foreach (var raw in sets)
        {
            var text = raw.Trim();
            var eq = text.IndexOf('=');
            if (eq <= 0)
                throw new ArgumentException($"--set '{raw}' is not of the form name=v1,v2,... (for example --set lanes=1,2,4,8)");
            var name = text[..eq].Trim();
            if (name.Any(c => char.IsWhiteSpace(c) || c is ',' or '='))
                throw new ArgumentException($"--set '{raw}': '{name}' is not a parameter name (write --set name=v1,v2,...)");
            var values = text[(eq + 1)..].Split(',').Select(v => v.Trim()).ToList();
            if (values.Any(v => v.Length == 0))
                throw new ArgumentException($"--set '{raw}' has an empty value; list the values of '{name}' separated by single commas, for example --set {name}=1,2,4");
            var repeated = values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
                throw new ArgumentException($"--set '{raw}' lists the value {repeated.Key} twice; give each value of '{name}' once");
            if (axes.Any(a => a.Parameter == name))
                throw new ArgumentException($"--set gives parameter '{name}' twice; put all its values in one --set {name}=v1,v2,...");
            axes.Add(new SweepAxis(name, values));
        }
        return new SweepSpace(axes);
    }

    /// <summary>Throws when an axis names a parameter the design does not have.</summary>
    public void CheckParameters(string design, IReadOnlyList<string> parameterNames)
    {
        foreach (var axis in Axes.Where(a => !parameterNames.Contains(a.Parameter)))
            throw new ArgumentException(parameterNames.Count == 0
                ? $"design '{design}' has no parameters, but --set gives '{axis.Parameter}'"
                : $"design '{design}' has no parameter '{axis.Parameter}'; its parameters are: {string.Join(", ", parameterNames)}");
    }

    /// <summary>Every point of the product, first axis outermost.</summary>
    public IReadOnlyList<SweepPoint> Points()
    {
        IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> product = [[]];
        foreach (var axis in Axes)
        {
            var a = axis;
            product = product.SelectMany(prefix => a.Values.Select(v =>
                (IReadOnlyList<KeyValuePair<string, string>>)[.. prefix, KeyValuePair.Create(a.Parameter, v)]));
        }
        return product.Select(s => new SweepPoint(s)).ToList();
    }
}
