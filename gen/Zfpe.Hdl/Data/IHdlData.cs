namespace Zfpe.Hdl;

/// <summary>
/// Hardware data: a single value (<see cref="UInt"/>, <see cref="SInt"/>, <see cref="Bool"/>) or a
/// <see cref="Bundle"/> of named fields. Everything that carries data (ports, wires, registers,
/// stream payloads, multiplexers) takes any of them.
/// </summary>
public interface IHdlData
{
    /// <summary>The number of bits, all fields together.</summary>
    int Width { get; }

    /// <summary>The bits, first field in the least significant bits (for memories and FIFOs).</summary>
    UInt AsBits();
}
