namespace Zfpe.Sim;

/// <summary>Icarus' run of the input pattern and the bridge's over the same cycles.</summary>
public sealed record IcarusComparison(PatternResult Icarus, PatternResult Bridge)
{
    /// <summary>False when an output was x in Icarus where the bridge read a value (registers without reset): no checksum to compare.</summary>
    public bool Comparable => Icarus.Checksum != 0;

    public bool ChecksumsMatch => Icarus.Checksum == Bridge.Checksum;
}
