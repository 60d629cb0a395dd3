using System.Numerics;
using System.Runtime.CompilerServices;
using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>
/// An unsigned bit vector. Width rules (WIDTH-RULES.md): + and − give the wider operand's width
/// and wrap; × gives the sum of widths; bitwise operators need equal widths; shifts keep the
/// width; an integer operand takes the other operand's width and must fit in it.
/// </summary>
public sealed class UInt : HdlValue
{
    internal UInt(Expr node) : base(node)
    {
    }

    /// <summary>Reference equality: == builds a comparator instead.</summary>
    public override bool Equals(object? obj) => base.Equals(obj);

    public override int GetHashCode() => base.GetHashCode();

    private Expr C(BigInteger v) => Ops.Const(HdlKind.Unsigned, Width, v);

    public static UInt operator +(UInt a, UInt b) => new(Ops.Arith(BinaryOp.Add, a.Node, b.Node));
    public static UInt operator -(UInt a, UInt b) => new(Ops.Arith(BinaryOp.Sub, a.Node, b.Node));
    public static UInt operator *(UInt a, UInt b) => new(Ops.Mul(a.Node, b.Node));
    public static UInt operator &(UInt a, UInt b) => new(Ops.Bitwise(BinaryOp.And, a.Node, b.Node));
    public static UInt operator |(UInt a, UInt b) => new(Ops.Bitwise(BinaryOp.Or, a.Node, b.Node));
    public static UInt operator ^(UInt a, UInt b) => new(Ops.Bitwise(BinaryOp.Xor, a.Node, b.Node));
    public static UInt operator ~(UInt a) => new(Ops.Not(a.Node));
    public static UInt operator +(UInt a, long b) => new(Ops.Arith(BinaryOp.Add, a.Node, a.C(b)));
    public static UInt operator -(UInt a, long b) => new(Ops.Arith(BinaryOp.Sub, a.Node, a.C(b)));
    public static UInt operator -(long a, UInt b) => new(Ops.Arith(BinaryOp.Sub, b.C(a), b.Node));
    public static UInt operator &(UInt a, long b) => new(Ops.Bitwise(BinaryOp.And, a.Node, a.C(b)));
    public static UInt operator |(UInt a, long b) => new(Ops.Bitwise(BinaryOp.Or, a.Node, a.C(b)));
    public static UInt operator ^(UInt a, long b) => new(Ops.Bitwise(BinaryOp.Xor, a.Node, a.C(b)));

    public static Bool operator ==(UInt a, UInt b) => new(Ops.Compare(BinaryOp.Eq, a.Node, b.Node));
    public static Bool operator !=(UInt a, UInt b) => new(Ops.Compare(BinaryOp.Ne, a.Node, b.Node));
    public static Bool operator <(UInt a, UInt b) => new(Ops.Compare(BinaryOp.Lt, a.Node, b.Node));
    public static Bool operator <=(UInt a, UInt b) => new(Ops.Compare(BinaryOp.Le, a.Node, b.Node));
    public static Bool operator >(UInt a, UInt b) => new(Ops.Compare(BinaryOp.Gt, a.Node, b.Node));
    public static Bool operator >=(UInt a, UInt b) => new(Ops.Compare(BinaryOp.Ge, a.Node, b.Node));
    public static Bool operator ==(UInt a, long b) => new(Ops.Compare(BinaryOp.Eq, a.Node, a.C(b)));
    public static Bool operator !=(UInt a, long b) => new(Ops.Compare(BinaryOp.Ne, a.Node, a.C(b)));
    public static Bool operator <(UInt a, long b) => new(Ops.Compare(BinaryOp.Lt, a.Node, a.C(b)));
    public static Bool operator <=(UInt a, long b) => new(Ops.Compare(BinaryOp.Le, a.Node, a.C(b)));
    public static Bool operator >(UInt a, long b) => new(Ops.Compare(BinaryOp.Gt, a.Node, a.C(b)));
    public static Bool operator >=(UInt a, long b) => new(Ops.Compare(BinaryOp.Ge, a.Node, a.C(b)));

    /// <summary>Logical shift; the width is kept.</summary>
    public static UInt operator <<(UInt a, int n) => new(Ops.ShiftConst(true, a.Node, n));
    public static UInt operator >>(UInt a, int n) => new(Ops.ShiftConst(false, a.Node, n));
    public static UInt operator <<(UInt a, UInt n) => new(Ops.ShiftDynamic(true, a.Node, n.Node));
    public static UInt operator >>(UInt a, UInt n) => new(Ops.ShiftDynamic(false, a.Node, n.Node));

    /// <summary>Bit <paramref name="index"/>.</summary>
    public Bool this[int index] => new(Ops.Bit(Node, index));

    /// <summary>Bits [hi:lo], as in Verilog.</summary>
    public UInt this[int hi, int lo] => new(Ops.Slice(Node, hi, lo));

    public Bool Msb => this[Width - 1];
    public Bool Lsb => this[0];

    /// <summary>+ with a carry: the result is one bit wider than the wider operand.</summary>
    public UInt AddExpand(UInt b)
    {
        var w = Math.Max(Width, b.Width) + 1;
        return ZeroExtend(w) + b.ZeroExtend(w);
    }

    /// <summary>Zero-extends to <paramref name="width"/> (≥ the current width).</summary>
    public UInt ZeroExtend(int width) => width < Width
        ? throw Error($"ZeroExtend({width}) would narrow a {Width}-bit UInt: use Truncate or Resize")
        : new(Ops.Extend(Node, width));

    /// <summary>Keeps the low <paramref name="width"/> bits (≤ the current width).</summary>
    public UInt Truncate(int width) => width > Width
        ? throw Error($"Truncate({width}) would widen a {Width}-bit UInt: use ZeroExtend or Resize")
        : new(Ops.Resize(Node, width));

    /// <summary>Zero-extends or truncates to <paramref name="width"/>: the explicit "either way".</summary>
    public UInt Resize(int width) => new(Ops.Resize(Node, width));

    public SInt AsSInt() => new(new CastExpr(Node, HdlKind.Signed));

    public Bool AsBool() => Width == 1 ? new(new CastExpr(Node, HdlKind.Bool)) : throw Error($"AsBool() needs a 1-bit UInt, not {Width} bits");

    public Bool AndReduce() => new(new UnaryExpr(UnaryOp.ReduceAnd, Node, HdlKind.Bool, 1));
    public Bool OrReduce() => new(new UnaryExpr(UnaryOp.ReduceOr, Node, HdlKind.Bool, 1));
    public Bool XorReduce() => new(new UnaryExpr(UnaryOp.ReduceXor, Node, HdlKind.Bool, 1));

    /// <summary>Drives this signal with a constant that must fit its width.</summary>
    public void Assign(ulong value, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Construction.RecordAssign(this, Ops.Const(HdlKind.Unsigned, Width, value), SourceLocation.Of(file, line));

    public void Assign(BigInteger value, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Construction.RecordAssign(this, Ops.Const(HdlKind.Unsigned, Width, value), SourceLocation.Of(file, line));
}
