namespace Zfpe.Tools;

/// <summary>
/// Where a tool was found (or why not) and its version. <see cref="Source"/> says which rule
/// found it: the tool's environment variable or PATH.
/// </summary>
public sealed record ToolLocation(ToolSpec Spec, string? Path, string Source, string? Version, string? Problem)
{
    public bool Found => Path is not null;

    /// <summary>What identifies this build of the tool in cache keys: its version, or its file when it has none.</summary>
    public string Identity { get; init; } = Version ?? "";

    /// <summary>The one-paragraph explanation a user needs when the tool is missing.</summary>
    public string MissingMessage() =>
        $"{Spec.Executable} is needed for {Spec.NeededFor} but {Problem}. Get it: {Spec.HowToGet}. " +
        $"Or point {Spec.EnvironmentVariable} at the executable (it takes precedence over PATH); `zfpe doctor` lists every tool.";
}
