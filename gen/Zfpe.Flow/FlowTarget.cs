namespace Zfpe.Flow;

/// <summary>How far a flow run goes.</summary>
public enum FlowTarget
{
    /// <summary>Yosys only: netlist, cell counts, logic depth (`zfpe synth`).</summary>
    Synthesis,
    /// <summary>Constraints check, Yosys, nextpnr-ecp5 and ecppack: a .bit file (`zfpe build`).</summary>
    Bitstream,
}
