namespace Zfpe.Tools;

/// <summary>
/// Every external program the project runs: the simulation tools first (Verilator and the C++
/// compiler build co-simulation models, Icarus Verilog runs the benchmark's Verilog bench), then
/// the board flow in the order it uses them, then the peers and helpers of the reports.
/// </summary>
public enum ToolKind
{
    Verilator,
    Compiler,
    Icarus,
    Yosys,
    NextpnrEcp5,
    Ecppack,
    OpenFpgaLoader,
    Zfp,
    Gnuplot,
}
