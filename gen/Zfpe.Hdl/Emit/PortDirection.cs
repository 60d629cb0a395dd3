namespace Zfpe.Hdl.Emit;

/// <summary>Direction of a module port as seen from inside the module.</summary>
public enum PortDirection
{
    Input,
    Output,
}
