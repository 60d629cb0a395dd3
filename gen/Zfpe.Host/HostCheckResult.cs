namespace Zfpe.Host;

/// <summary>How the board's answers compare with the reference codec on the same values.</summary>
/// <param name="FirstBlockMismatch">Index of the first block that differs, or -1.</param>
/// <param name="FirstValueMismatch">Index of the first decoded value that differs (bit for bit), or -1.</param>
public sealed record HostCheckResult(
    int Values,
    int Blocks,
    int BlockMismatches,
    int FirstBlockMismatch,
    int ValueMismatches,
    int FirstValueMismatch,
    bool ReferenceNonFinite,
    bool BoardNonFinite)
{
    public bool Passed => BlockMismatches == 0 && ValueMismatches == 0 && ReferenceNonFinite == BoardNonFinite;
}
