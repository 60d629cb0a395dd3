using System.Runtime.CompilerServices;
using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>
/// An array of words with synchronous writes, synchronous (registered) reads that Yosys maps to
/// ECP5 block RAM (DP16KD), and asynchronous reads for small LUT memories.
/// </summary>
public sealed class Memory
{
    internal Memory(Component owner, int width, int depth, string? name, SourceLocation declared)
    {
        Owner = owner;
        Width = width;
        Depth = depth;
        Name = name;
        ExplicitName = name is not null;
        Declared = declared;
        AddressWidth = Math.Max(1, (int)Math.Ceiling(Math.Log2(depth)));
    }

    public Component Owner { get; }
    public int Width { get; }
    public int Depth { get; }
    public int AddressWidth { get; }
    public SourceLocation Declared { get; }
    public string? Name { get; internal set; }
    internal bool ExplicitName { get; }
    internal List<(Signal Data, Expr Address, Expr? Enable, SourceLocation Location)> SyncReads { get; } = [];

    /// <summary>Writes <paramref name="data"/> at <paramref name="address"/> at the clock edge (conditional inside When/Switch).</summary>
    public void Write(UInt address, UInt data, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var loc = SourceLocation.Of(file, line);
        CheckAddress(address, loc);
        if (data.Width != Width) throw new HdlException(loc, $"width mismatch: writing a {data.Width}-bit word into memory {Describe()} of {Width}-bit words");
        Context(loc).Record(new MemWriteStmt(this, address.Node, data.Node, loc));
    }

    /// <summary>
    /// A synchronous read port: the returned value is the word at <paramref name="address"/> as
    /// of the previous clock edge at which <paramref name="enable"/> was high (one cycle latency).
    /// </summary>
    public UInt ReadSync(UInt address, Bool? enable = null, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var loc = SourceLocation.Of(file, line);
        CheckAddress(address, loc);
        var c = Context(loc);
        var data = c.Declare(SignalRole.MemoryReadData, HdlKind.Unsigned, Width, name, loc);
        data.FallbackName = $"{Name ?? "mem"}_rdata{SyncReads.Count}";
        SyncReads.Add((data, address.Node, enable?.Node, loc));
        return new UInt(new SignalExpr(data));
    }

    /// <summary>An asynchronous read: the word at <paramref name="address"/> now (LUT RAM; not for block RAM).</summary>
    public UInt ReadAsync(UInt address, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var loc = SourceLocation.Of(file, line);
        CheckAddress(address, loc);
        return new UInt(new MemReadExpr(this, address.Node));
    }

    private void CheckAddress(UInt address, SourceLocation loc)
    {
        if (address.Width != AddressWidth)
            throw new HdlException(loc, $"width mismatch: memory {Describe()} of depth {Depth} takes a {AddressWidth}-bit address, not {address.Width} bits");
    }

    private Component Context(SourceLocation loc)
    {
        var c = Construction.Current;
        if (!ReferenceEquals(c, Owner)) throw new HdlException(loc, $"memory {Describe()} can only be used inside the constructor of its component {Owner.GetType().Name}");
        return c;
    }

    internal string Describe() => Name is not null ? $"'{Name}'" : $"declared at {Declared}";
}
