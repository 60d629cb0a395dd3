using System.Numerics;
using Zfpe.Hdl.Emit;

namespace Zfpe.Sim;

/// <summary>
/// A handle on one top-level port of a running <see cref="Simulation"/>: look it up once, then poke
/// and peek it every cycle without a name lookup. The methods here forward to the simulation.
/// </summary>
public sealed unsafe class SimPort
{
    internal SimPort(Simulation simulation, int id, PortInfo info, void* address)
    {
        Simulation = simulation;
        Owner = simulation;
        Id = id;
        Info = info;
        Width = info.Width;
        Words = (info.Width + 31) / 32;
        Mask = info.Width >= 64 ? ulong.MaxValue : (1UL << info.Width) - 1;
        Address = address;
        Bytes = VerilatorOutput.StorageBytes(info.Width);
        Writable = info.Direction == PortDirection.Input && info.Role != PortRole.Clock;
    }

    /// <summary>
    /// A port made of several ports side by side (a bundle's fields, the first in the least
    /// significant bits): poked and peeked as one value, split across its parts.
    /// </summary>
    internal SimPort(Simulation simulation, string name, SimPort[] parts)
    {
        Simulation = simulation;
        Owner = simulation;
        Id = -1;
        Parts = parts;
        var width = parts.Sum(p => p.Width);
        Info = new PortInfo(name, width, parts[0].Info.Direction, IsSigned: false);
        Width = width;
        Words = (width + 31) / 32;
        Mask = width >= 64 ? ulong.MaxValue : (1UL << width) - 1;
        Address = null;
        Bytes = 0; // never the fast path: pokes and peeks go through the parts
        Writable = false;
    }

    /// <summary>For a port made of several (a bundle), its parts, least significant first; null for a real port.</summary>
    internal readonly SimPort[]? Parts;

    /// <summary>The simulation, as a field: read on every poke and peek.</summary>
    internal readonly Simulation Owner;

    /// <summary>The port's storage inside the Verilated model (valid while the simulation lives).</summary>
    internal readonly void* Address;

    /// <summary>1, 2, 4 or 8 bytes, or 0 for an array of <see cref="Words"/> 32-bit words.</summary>
    internal readonly int Bytes;

    /// <summary>An input other than the clock.</summary>
    internal readonly bool Writable;

    public Simulation Simulation { get; }

    /// <summary>Index in the design's port list; also the id the native shim knows it by (-1 for a port made of several).</summary>
    public int Id { get; }

    public PortInfo Info { get; }
    public string Name => Info.Name;
    public int Width { get; }
    public bool IsSigned => Info.IsSigned;
    public bool IsInput => Info.Direction == PortDirection.Input;

    /// <summary>The ports this one is made of (a bundle's fields, least significant first), or just this port.</summary>
    public IReadOnlyList<SimPort> Fields => Parts ?? [this];
    public PortRole Role => Info.Role;

    /// <summary>32-bit words in the port's word-array form.</summary>
    public int Words { get; }

    /// <summary>The port's width as a mask of the low 64 bits.</summary>
    public ulong Mask { get; }

    public void Poke(ulong bits) => Simulation.Poke(this, bits);
    public void Poke(long value) => Simulation.Poke(this, value);
    public void Poke(bool value) => Simulation.Poke(this, value);
    public void Poke(BigInteger value) => Simulation.Poke(this, value);
    public void Poke(ReadOnlySpan<uint> words) => Simulation.Poke(this, words);

    public ulong Peek() => Simulation.Peek(this);
    public long PeekSigned() => Simulation.PeekSigned(this);
    public bool PeekBool() => Simulation.PeekBool(this);
    public BigInteger PeekBig() => Simulation.PeekBig(this);
    public uint[] PeekWords() => Simulation.PeekWords(this);

    /// <summary>The values a poke accepts, for error messages: "8 bits, unsigned: 0..255".</summary>
    internal string Range()
    {
        var (min, max) = IsSigned
            ? (-(BigInteger.One << (Width - 1)), (BigInteger.One << (Width - 1)) - 1)
            : (BigInteger.Zero, (BigInteger.One << Width) - 1);
        return $"{Width} bits, {(IsSigned ? "signed" : "unsigned")}: {min}..{max}";
    }

    public override string ToString() => $"{Name} ({(IsInput ? "input" : "output")}, {Width} bits{(IsSigned ? ", signed" : "")})";
}
