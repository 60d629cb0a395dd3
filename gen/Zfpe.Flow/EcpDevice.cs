namespace Zfpe.Flow;

/// <summary>
/// An ECP5 part the ULX3S is sold with, as nextpnr names it, with its capacity (board-ulx3s.md).
/// Every ULX3S uses the CABGA381 package and speed grade 6.
/// </summary>
public sealed record EcpDevice(
    string Name,
    string PartNumber,
    string NextpnrFlag,
    string IdCode,
    int Lut4,
    int FlipFlops,
    int BlockRams,
    int Multipliers,
    int Plls)
{
    public const string Package = "CABGA381";
    public const int SpeedGrade = 6;

    public static EcpDevice Lfe5u25 { get; } = new("25k", "LFE5U-25F-6BG381C", "--25k", "0x41111043", 24_288, 24_288, 56, 28, 2);
    public static EcpDevice Lfe5u45 { get; } = new("45k", "LFE5U-45F-6BG381C", "--45k", "0x41112043", 43_848, 43_848, 108, 72, 4);
    public static EcpDevice Lfe5u85 { get; } = new("85k", "LFE5U-85F-6BG381C", "--85k", "0x41113043", 83_640, 83_640, 208, 156, 4);

    public static IReadOnlyList<EcpDevice> All { get; } = [Lfe5u25, Lfe5u45, Lfe5u85];

    /// <summary>The device for "25k", "45k" or "85k" (also accepted: "85f", "85", "lfe5u-85f").</summary>
    public static EcpDevice Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.Trim().ToLowerInvariant();
        if (n.StartsWith("lfe5u-", StringComparison.Ordinal)) n = n["lfe5u-".Length..];
        if (n.EndsWith('f')) n = n[..^1] + "k";
        if (!n.EndsWith('k')) n += "k";
        return All.FirstOrDefault(d => d.Name == n)
            ?? throw new ArgumentException(
                $"unknown device '{name}': the ULX3S flow supports {string.Join(", ", All.Select(d => d.Name))} (LFE5U-25F/45F/85F); pass one of them to --device");
    }

    public override string ToString() => $"{PartNumber} ({Name})";
}
