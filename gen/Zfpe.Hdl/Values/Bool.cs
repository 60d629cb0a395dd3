using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>A single bit.</summary>
public sealed class Bool : HdlValue
{
    internal Bool(Expr node) : base(node)
    {
    }

    /// <summary>Reference equality: == builds a comparator instead.</summary>
    public override bool Equals(object? obj) => base.Equals(obj);

    public override int GetHashCode() => base.GetHashCode();

    public static Bool operator &(Bool a, Bool b) => new(Ops.Bitwise(BinaryOp.And, a.Node, b.Node));
    public static Bool operator |(Bool a, Bool b) => new(Ops.Bitwise(BinaryOp.Or, a.Node, b.Node));
    public static Bool operator ^(Bool a, Bool b) => new(Ops.Bitwise(BinaryOp.Xor, a.Node, b.Node));
    public static Bool operator !(Bool a) => new(Ops.Not(a.Node));
    public static Bool operator &(Bool a, bool b) => a & Hw.Bool(b);
    public static Bool operator |(Bool a, bool b) => a | Hw.Bool(b);
    public static Bool operator ==(Bool a, Bool b) => new(Ops.Compare(BinaryOp.Eq, a.Node, b.Node));
    public static Bool operator !=(Bool a, Bool b) => new(Ops.Compare(BinaryOp.Ne, a.Node, b.Node));
    public static Bool operator ==(Bool a, bool b) => b ? a : !a;
    public static Bool operator !=(Bool a, bool b) => b ? !a : a;

    /// <summary>The bit as a 1-bit UInt.</summary>
    public UInt AsUInt() => new(new CastExpr(Node, HdlKind.Unsigned));

    /// <summary>Selects <paramref name="whenTrue"/> when this bit is 1.</summary>
    public T Select<T>(T whenTrue, T whenFalse) where T : HdlValue => Hw.Mux(this, whenTrue, whenFalse);

    /// <summary>Drives this signal with a constant.</summary>
    public void Assign(bool value, [System.Runtime.CompilerServices.CallerFilePath] string file = "", [System.Runtime.CompilerServices.CallerLineNumber] int line = 0) =>
        Assign(Hw.Bool(value), file, line);
}
