namespace Zfpe.Tools;

/// <summary>A tool the next step needs is not installed or not where its variable says.</summary>
public sealed class MissingToolException(ToolLocation location) : Exception(location.MissingMessage())
{
    public ToolLocation Location { get; } = location;
}
