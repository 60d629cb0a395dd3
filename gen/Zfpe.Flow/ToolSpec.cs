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
        "Debian/Ubuntu: sudo apt-get install yosys; or " + OssCadSuite);

    public static ToolSpec NextpnrEcp5 { get; } = new(
        ToolKind.NextpnrEcp5, "nextpnr-ecp5", "ZFPE_NEXTPNR_ECP5", ["--version"],
        "place and route, utilisation and Fmax (zfpe build)",
        "not packaged in Debian bookworm (only nextpnr-ice40 and nextpnr-generic are): use a distribution whose nextpnr " +
        "package includes the ECP5 back end (for example Fedora: dnf install nextpnr trellis) or " + OssCadSuite);

    public static ToolSpec Ecppack { get; } = new(
        ToolKind.Ecppack, "ecppack", "ZFPE_ECPPACK", ["--version"],
        "bitstream packing (zfpe build)",
        "part of Project Trellis, not packaged in Debian bookworm: use a distribution that packages Project Trellis " +
        "(for example Fedora: dnf install trellis) or " + OssCadSuite);

    public static ToolSpec OpenFpgaLoader { get; } = new(
        ToolKind.OpenFpgaLoader, "openFPGALoader", "ZFPE_OPENFPGALOADER", ["--Version"],
        "programming the board over USB (zfpe program)",
        "Debian/Ubuntu: sudo apt-get install openfpgaloader; or " + OssCadSuite);

    public static IReadOnlyList<ToolSpec> All { get; } = [Yosys, NextpnrEcp5, Ecppack, OpenFpgaLoader];

    public static ToolSpec For(ToolKind kind) => All.Single(t => t.Kind == kind);
}
