namespace Zfpe.Sim;

/// <summary>
/// The environment variables the bridge reads, so that CI and a developer's shell can steer it.
/// The tools' own variables (ZFPE_VERILATOR, CXX) belong to the tool registry, <see cref="Zfpe.Tools.ToolSpec"/>.
/// </summary>
public static class EnvironmentVariables
{
    /// <summary>Cache directory for compiled models (default <c>&lt;repo&gt;/.cache/verilator</c>).</summary>
    public const string SimCache = "ZFPE_SIM_CACHE";

    /// <summary><c>1</c> or <c>fst</c>: record FST waves; <c>vcd</c>: VCD; <c>0</c> or unset: none.</summary>
    public const string Waves = "ZFPE_WAVES";

    /// <summary>Where wave files go (default <c>&lt;repo&gt;/.cache/waves</c>).</summary>
    public const string WavesDirectory = "ZFPE_WAVES_DIR";
}
