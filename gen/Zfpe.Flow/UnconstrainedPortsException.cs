namespace Zfpe.Flow;

/// <summary>A design has top-level ports that the board's constraints do not place on a pin.</summary>
public sealed class UnconstrainedPortsException(string topModule, string constraintsFile, IReadOnlyList<string> missingPorts, string boardSignals)
    : Exception(
        $"module '{topModule}' has ports with no pin in {constraintsFile}: {string.Join(", ", missingPorts)}. " +
        $"Name top-level ports after the board's signals ({boardSignals}) or add the missing ones to constraints/{constraintsFile}; " +
        "place and route refuses unplaced I/O.")
{
    public IReadOnlyList<string> MissingPorts { get; } = missingPorts;
}
