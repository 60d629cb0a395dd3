namespace Zfpe.Sim;

/// <summary>The environment variables the bridge reads, so that CI and a developer's shell can steer it.</summary>
public static class EnvironmentVariables
{
    /// <summary>Cache directory for compiled models (default <c>&lt;repo&gt;/.cache/verilator</c>).</summary>
    public const string SimCache = "ZFPE_SIM_CACHE";

    /// <summary><c>1</c> or <c>fst</c>: record FST waves; <c>vcd</c>: VCD; <c>0</c> or unset: none.</summary>
    public const string Waves = "ZFPE_WAVES";

    /// <summary>Where wave files go (default <c>&lt;repo&gt;/.cache/waves</c>).</summary>
    public const string WavesDirectory = "ZFPE_WAVES_DIR";

    /// <summary>The Verilator executable (default <c>verilator</c> on PATH).</summary>
    public const string Verilator = "ZFPE_VERILATOR";

    /// <summary>The C++ compiler (default <c>g++</c> on PATH), as in make.</summary>
    public const string Compiler = "CXX";
}
