using Zfpe.Reference.Evaluation;
using Zfpe.Reference.Files;

namespace Zfpe.Reference.Study;

/// <summary>
/// A way of storing a tensor, by what it does to the values: <see cref="RoundTrip"/> takes values
/// of a shape (C order) and returns them as a reader of the stored tensor sees them. The study's
/// methods are those of <c>zfpe evaluate</c>, plus <see cref="Float32"/>, which keeps every value.
/// </summary>
public sealed record StudyCodec(string Name, Func<float[], long[], float[]> RoundTrip)
{
    public const string Float32Name = "float32";

    /// <summary>Stores every value as it is: the reference row, and a codec with a known answer (no error).</summary>
    public static StudyCodec Float32 { get; } = new(Float32Name, (values, _) => (float[])values.Clone());

    /// <summary>An evaluate method; per-channel methods take a scale per index of axis 0.</summary>
    public static StudyCodec Of(EvaluateMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return new(method.Name, (values, shape) => method.RoundTrip(new EvaluateInput(new Tensor(values, shape), 0)));
    }

    /// <summary>Parses a comma-separated list of evaluate method names and float32.</summary>
    public static IReadOnlyList<StudyCodec> ParseList(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => name.Equals(Float32Name, StringComparison.OrdinalIgnoreCase) ? Float32 : Of(EvaluateMethod.Parse(name)))
            .ToList();
}
