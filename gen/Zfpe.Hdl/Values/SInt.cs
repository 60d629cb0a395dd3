using System.Numerics;
using System.Runtime.CompilerServices;
using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>
/// A signed (two's complement) bit vector. Same width rules as <see cref="UInt"/>; extension is
/// sign extension; &gt;&gt; is arithmetic.
/// </summary>
public sealed class SInt : HdlValue
{
    internal SInt(Expr node) : base(node)
    {
    }

    /// <summary>Reference equality: == builds a comparator instead.</summary>
    public override bool Equals(object? obj) => base.Equals(obj);

    public override int GetHashCode() => base.GetHashCode();

    private Expr C(BigInteger v) => Ops.Const(HdlKind.Signed, Width, v);

    public static SInt operator +(SInt a, SInt b) => new(Ops.Arith(BinaryOp.Add, a.Node, b.Node));
    public static SInt operator -(SInt a, SInt b) => new(Ops.Arith(BinaryOp.Sub, a.Node, b.Node));
    public static SInt operator *(SInt a, SInt b) => new(Ops.Mul(a.Node, b.Node));
    public static SInt operator &(SInt a, SInt b) => new(Ops.Bitwise(BinaryOp.And, a.Node, b.Node));
    public static SInt operator |(SInt a, SInt b) => new(Ops.Bitwise(BinaryOp.Or, a.Node, b.Node));
    public static SInt operator ^(SInt a, SInt b) => new(Ops.Bitwise(BinaryOp.Xor, a.Node, b.Node));
    public static SInt operator ~(SInt a) => new(Ops.Not(a.Node));
    public static SInt operator -(SInt a) => new(new UnaryExpr(UnaryOp.Negate, a.Node, HdlKind.Signed, a.Width));
    public static SInt operator +(SInt a, long b) => new(Ops.Arith(BinaryOp.Add, a.Node, a.C(b)));
    public static SInt operator -(SInt a, long b) => new(Ops.Arith(BinaryOp.Sub, a.Node, a.C(b)));
    public static SInt operator ^(SInt a, long b) => new(Ops.Bitwise(BinaryOp.Xor, a.Node, a.C(b)));

    public static Bool operator ==(SInt a, SInt b) => new(Ops.Compare(BinaryOp.Eq, a.Node, b.Node));
    public static Bool operator !=(SInt a, SInt b) => new(Ops.Compare(BinaryOp.Ne, a.Node, b.Node));
    public static Bool operator <(SInt a, SInt b) => new(Ops.Compare(BinaryOp.Lt, a.Node, b.Node));
    public static Bool operator <=(SInt a, SInt b) => new(Ops.Compare(BinaryOp.Le, a.Node, b.Node));
    public static Bool operator >(SInt a, SInt b) => new(Ops.Compare(BinaryOp.Gt, a.Node, b.Node));
    public static Bool operator >=(SInt a, SInt b) => new(Ops.Compare(BinaryOp.Ge, a.Node, b.Node));
    public static Bool operator ==(SInt a, long b) => new(Ops.Compare(BinaryOp.Eq, a.Node, a.C(b)));
    public static Bool operator !=(SInt a, long b) => new(Ops.Compare(BinaryOp.Ne, a.Node, a.C(b)));
    public static Bool operator <(SInt a, long b) => new(Ops.Compare(BinaryOp.Lt, a.Node, a.C(b)));
    public static Bool operator >=(SInt a, long b) => new(Ops.Compare(BinaryOp.Ge, a.Node, a.C(b)));
    public static Bool operator >(SInt a, long b) => new(Ops.Compare(BinaryOp.Gt, a.Node, a.C(b)));
    public static Bool operator <=(SInt a, long b) => new(Ops.Compare(BinaryOp.Le, a.Node, a.C(b)));

    /// <summary>Shift left (zeros in) and arithmetic shift right (sign bits in); the width is kept.</summary>
    public static SInt operator <<(SInt a, int n) => new(Ops.ShiftConst(true, a.Node, n));
    public static SInt operator >>(SInt a, int n) => new(Ops.ShiftConst(false, a.Node, n));
    public static SInt operator <<(SInt a, UInt n) => new(Ops.ShiftDynamic(true, a.Node, n.Node));
    public static SInt operator >>(SInt a, UInt n) => new(Ops.ShiftDynamic(false, a.Node, n.Node));

    public Bool this[int index] => new(Ops.Bit(Node, index));

    /// <summary>Bits [hi:lo] as a UInt (a slice has no sign).</summary>
    public UInt this[int hi, int lo] => new(Ops.Slice(new CastExpr(Node, HdlKind.Unsigned), hi, lo));

    public Bool Msb => this[Width - 1];

    /// <summary>Sign-extends to <paramref name="width"/> (≥ the current width).</summary>
    public SInt SignExtend(int width) => width < Width
        ? throw Error($"SignExtend({width}) would narrow a {Width}-bit SInt: use Truncate or Resize")
        : new(Ops.Extend(Node, width));

    /// <summary>Keeps the low <paramref name="width"/> bits as an SInt (≤ the current width).</summary>
    public SInt Truncate(int width) => width > Width
        ? throw Error($"Truncate({width}) would widen a {Width}-bit SInt: use SignExtend or Resize")
        : new(Ops.Resize(Node, width));

    /// <summary>Sign-extends or truncates to <paramref name="width"/>.</summary>
    public SInt Resize(int width) => new(Ops.Resize(Node, width));

    /// <summary>The same bits as a UInt.</summary>
    public UInt AsUInt() => new(new CastExpr(Node, HdlKind.Unsigned));

    public void Assign(long value, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Construction.RecordAssign(this, Ops.Const(HdlKind.Signed, Width, value), SourceLocation.Of(file, line));
}
