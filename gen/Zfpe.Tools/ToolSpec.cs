namespace Zfpe.Tools;

/// <summary>
/// What the project knows about one external tool: its executable, the environment variable that
/// overrides where it is, how to ask its version, what it is needed for and how to install it.
/// This is the one registry: the flow, the simulator, the sweep plots and `zfpe doctor` read it.
/// An empty <see cref="VersionArguments"/> means the tool has no version option; then the version
/// comes from <see cref="VersionPackage"/> (the Debian package that ships it) when dpkg knows it.
/// </summary>
public sealed record ToolSpec(
    ToolKind Kind,
    string Executable,
    string EnvironmentVariable,
    IReadOnlyList<string> VersionArguments,
    string NeededFor,
    string HowToGet)
{
    /// <summary>The Debian package whose version stands for the tool's when it cannot tell its own.</summary>
    public string? VersionPackage { get; init; }

    public static ToolSpec Verilator { get; } = new(
        ToolKind.Verilator, "verilator", "ZFPE_VERILATOR", ["--version"],
        "co-simulation of the RTL against the C# reference (the tests, zfpe sim, zfpe bench cosim)",
        "Debian/Ubuntu: apt-get install verilator (as root; 5.x)");

    public static ToolSpec Compiler { get; } = new(
        ToolKind.Compiler, "g++", "CXX", ["--version"],
        "compiling Verilated models into the shared libraries the tests drive",
        "Debian/Ubuntu: apt-get install g++ make (as root); CXX may name another C++17 compiler, as in make");

    public static ToolSpec Icarus { get; } = new(
        ToolKind.Icarus, "iverilog", "ZFPE_IVERILOG", ["-V"],
        "the Icarus Verilog column of zfpe bench cosim (its vvp runtime is found beside it)",
        "Debian/Ubuntu: apt-get install iverilog (as root)");

    public static ToolSpec Zfp { get; } = new(
        ToolKind.Zfp, "zfp", "ZFPE_ZFP", [],
        "the libzfp peer: bit-exactness tests of the C# ZFP and the libzfp column of zfpe bench codec (the zfp command with libzfp.so.1)",
        "Debian/Ubuntu: apt-get install zfp libzfp-dev (as root)")
    {
        VersionPackage = "zfp",
    };

    public static ToolSpec Gnuplot { get; } = new(
        ToolKind.Gnuplot, "gnuplot", "ZFPE_GNUPLOT", ["--version"],
        "the plots of zfpe sweep (without it the data and scripts are still written)",
        "Debian/Ubuntu: apt-get install gnuplot-nox (as root)");

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

    public static IReadOnlyList<ToolSpec> All { get; } = [Verilator, Compiler, Icarus, Yosys, NextpnrEcp5, Ecppack, OpenFpgaLoader, Zfp, Gnuplot];

    public static ToolSpec For(ToolKind kind) => All.Single(t => t.Kind == kind);
}
