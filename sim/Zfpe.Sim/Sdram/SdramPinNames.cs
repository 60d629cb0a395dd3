namespace Zfpe.Sim.Sdram;

/// <summary>
/// The names of the SDRAM pins <see cref="SdramAgent"/> binds to (after its prefix): the
/// controller's (<see cref="Controller"/>) or a board top's (<see cref="Ulx3s"/>, the names of
/// constraints/ulx3s_v20.lpf with the data pads split as <c>d_out</c>, <c>d_oe</c>, <c>d_in</c>).
/// </summary>
public sealed record SdramPinNames(
    string Cke, string CsN, string RasN, string CasN, string WeN, string Ba, string A, string Dqm,
    string DqOut, string DqOe, string DqIn, string DqInValid)
{
    /// <summary>The controller's pins: <c>cs_n ras_n cas_n we_n ba a dqm dq_out dq_oe dq_in</c>.</summary>
    public static SdramPinNames Controller { get; } = new("cke", "cs_n", "ras_n", "cas_n", "we_n", "ba", "a", "dqm", "dq_out", "dq_oe", "dq_in", "dq_in_valid");

    /// <summary>A ULX3S board top's: <c>csn rasn casn wen ba a dqm d_out d_oe d_in</c>.</summary>
    public static SdramPinNames Ulx3s { get; } = new("cke", "csn", "rasn", "casn", "wen", "ba", "a", "dqm", "d_out", "d_oe", "d_in", "d_in_valid");
}
