namespace Zfpe.Hdl;

/// <summary>
/// A mistake in a hardware description, reported with the C# file and line that caused it.
/// The message starts with that location, like a compiler diagnostic.
/// </summary>
public sealed class HdlException(SourceLocation location, string problem) : Exception($"{location}: {problem}")
{
    public SourceLocation Location { get; } = location;

    /// <summary>The message without the location prefix.</summary>
    public string Problem { get; } = problem;
}
