namespace Zfpe.Flow;

/// <summary>The external programs the flow drives, in the order the flow uses them.</summary>
public enum ToolKind
{
    Yosys,
    NextpnrEcp5,
    Ecppack,
    OpenFpgaLoader,
}
