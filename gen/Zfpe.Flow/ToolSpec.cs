namespace Zfpe.Flow;

/// <summary>
/// What the flow knows about one external tool: its executable, the environment variable that
/// overrides where it is, how to ask its version, what it is needed for and how to install it.
/// </summary>
public sealed record ToolSpec(
    ToolKind Kind,
    string Executable,
    string EnvironmentVariable,
    IReadOnlyList<string> VersionArguments,
    string NeededFor,
    string HowToGet)
{
    private const string OssCadSuite =
        "the YosysHQ OSS CAD Suite binary bundle (github.com/YosysHQ/oss-cad-suite-build: unpack it and add its bin/ to PATH)";

    public static ToolSpec Yosys { get; } = new(
        ToolKind.Yosys, "yosys", "ZFPE_YOSYS", ["-V"],
        "synthesis (zfpe synth, zfpe build)",
        "Debian/Ubuntu: apt-get install yosys (as root); or " + OssCadSuite);

    private const string Ecp5Tools =
        "Debian 13 or later and Ubuntu 24.04 or later: apt-get install nextpnr-ecp5 fpga-trellis; Debian 12 (bookworm, which does " +
        "not package them): run scripts/install-ecp5-tools.sh as root (Debian 13's packages in a private prefix, nothing of the " +
        "system replaced; scripts/install-deps.sh runs it); or ";

    public static ToolSpec NextpnrEcp5 { get; } = new(
        ToolKind.NextpnrEcp5, "nextpnr-ecp5", "ZFPE_NEXTPNR_ECP5", ["--version"],
        "place and route, utilisation and Fmax (zfpe build)",
        Ecp5Tools + OssCadSuite);

    public static ToolSpec Ecppack { get; } = new(
        ToolKind.Ecppack, "ecppack", "ZFPE_ECPPACK", ["--version"],
        "bitstream packing (zfpe build)",
        Ecp5Tools + OssCadSuite);

    public static ToolSpec OpenFpgaLoader { get; } = new(
        ToolKind.OpenFpgaLoader, "openFPGALoader", "ZFPE_OPENFPGALOADER", ["--Version"],
        "programming the board over USB (zfpe program)",
        "Debian/Ubuntu: apt-get install openfpgaloader (as root); or " + OssCadSuite);

    public static IReadOnlyList<ToolSpec> All { get; } = [Yosys, NextpnrEcp5, Ecppack, OpenFpgaLoader];

    public static ToolSpec For(ToolKind kind) => All.Single(t => t.Kind == kind);
}
