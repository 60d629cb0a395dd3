using System.Numerics;
using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>
/// Builds IR nodes with the width rules of the DSL (documented in gen/Zfpe.Hdl/WIDTH-RULES.md):
/// nothing is ever truncated silently; extension happens only where the rules say so.
/// </summary>
internal static class Ops
{
    public static string KindName(HdlKind kind, int width) => kind switch
    {
        HdlKind.Bool => "Bool",
        HdlKind.Unsigned => $"{width}-bit UInt",
        _ => $"{width}-bit SInt",
    };

    public static string Describe(Expr e) => KindName(e.Kind, e.Width);

    public static Expr Const(HdlKind kind, int width, BigInteger value)
    {
        if (width < 1) throw HdlValue.Error($"a constant needs a width of at least 1 bit, not {width}");
        var (min, max) = Range(kind, width);
        if (value < min || value > max)
            throw HdlValue.Error($"constant {value} does not fit in a {KindName(kind, width)} (range {min}..{max})");
        var bits = value < 0 ? value + (BigInteger.One << width) : value;
        return new ConstExpr(kind, width, bits);
    }

    public static (BigInteger Min, BigInteger Max) Range(HdlKind kind, int width) => kind == HdlKind.Signed
        ? (-(BigInteger.One << (width - 1)), (BigInteger.One << (width - 1)) - 1)
        : (BigInteger.Zero, (BigInteger.One << width) - 1);

    /// <summary>Extends (never truncates) to <paramref name="width"/>: zero for UInt/Bool, sign for SInt.</summary>
    public static Expr Extend(Expr e, int width)
    {
        if (width == e.Width) return e;
        if (width < e.Width) throw new InvalidOperationException("internal: Extend cannot narrow");
        return new ExtendExpr(e, width, e.Kind == HdlKind.Signed);
    }

    public static void RequireSameKind(string op, Expr a, Expr b)
    {
        if (a.Kind != b.Kind)
            throw HdlValue.Error($"operator {op} between a {Describe(a)} and a {Describe(b)}: convert one explicitly (AsSInt(), AsUInt(), AsBool())");
    }

    /// <summary>+ and −: the narrower operand is extended; the result has the larger width and wraps.</summary>
    public static Expr Arith(BinaryOp op, Expr a, Expr b)
    {
        RequireSameKind(Symbol(op), a, b);
        var w = Math.Max(a.Width, b.Width);
        // x + 0 and x - 0 are x (extended): no adder for a constant nothing.
        if (b is ConstExpr { Bits.IsZero: true }) return Extend(a, w);
        if (op == BinaryOp.Add && a is ConstExpr { Bits.IsZero: true }) return Extend(b, w);
        return new BinaryExpr(op, Extend(a, w), Extend(b, w), a.Kind, w);
    }

    /// <summary>×: full product, width of a plus width of b.</summary>
    public static Expr Mul(Expr a, Expr b)
    {
        RequireSameKind("*", a, b);
        var w = a.Width + b.Width;
        return new BinaryExpr(BinaryOp.Mul, Extend(a, w), Extend(b, w), a.Kind, w);
    }

    /// <summary>&amp; | ^: operands of equal width and kind.</summary>
    public static Expr Bitwise(BinaryOp op, Expr a, Expr b)
    {
        RequireSameKind(Symbol(op), a, b);
        if (a.Width != b.Width)
            throw HdlValue.Error($"operator {Symbol(op)} between a {Describe(a)} and a {Describe(b)}: bitwise operands must have equal widths (use Resize/ZeroExtend/Truncate)");
        return FoldBitwise(op, a, b) ?? new BinaryExpr(op, a, b, a.Kind, a.Width);
    }

    /// <summary>
    /// Trivial constants folded away, so that the Verilog reads as the logic it is (no
    /// <c>1'b0 | x</c> from an accumulation that started at false): x &amp; 0 = 0, x &amp; ~0 = x,
    /// x | 0 = x, x | ~0 = ~0, x ^ 0 = x, and two constants computed.
    /// </summary>
    private static Expr? FoldBitwise(BinaryOp op, Expr a, Expr b)
    {
        if (a is ConstExpr ka && b is ConstExpr kb)
            return new ConstExpr(a.Kind, a.Width, op switch
            {
                BinaryOp.And => ka.Bits & kb.Bits,
                BinaryOp.Or => ka.Bits | kb.Bits,
                _ => ka.Bits ^ kb.Bits,
            });
        if (a is ConstExpr) (a, b) = (b, a);
        if (b is not ConstExpr k) return null;
        var ones = (BigInteger.One << a.Width) - 1;
        return op switch
        {
            BinaryOp.And when k.Bits.IsZero => k,
            BinaryOp.And when k.Bits == ones => a,
            BinaryOp.Or when k.Bits.IsZero => a,
            BinaryOp.Or when k.Bits == ones => k,
            BinaryOp.Xor when k.Bits.IsZero => a,
            _ => null,
        };
    }

    /// <summary>Bitwise (or logical, for a Bool) negation; a constant is negated here, and ~~x is x.</summary>
    public static Expr Not(Expr a)
    {
        if (a is ConstExpr k) return new ConstExpr(a.Kind, a.Width, ((BigInteger.One << a.Width) - 1) ^ k.Bits);
        if (a is UnaryExpr { Op: UnaryOp.Not } inner) return inner.Operand;
        return new UnaryExpr(UnaryOp.Not, a, a.Kind, a.Width);
    }

    /// <summary>Comparisons: the narrower operand is extended; the result is a Bool.</summary>
    public static Expr Compare(BinaryOp op, Expr a, Expr b)
    {
        RequireSameKind(Symbol(op), a, b);
        var w = Math.Max(a.Width, b.Width);
        return new BinaryExpr(op, Extend(a, w), Extend(b, w), HdlKind.Bool, 1);
    }

    public static Expr ShiftConst(bool left, Expr a, int amount)
    {
        if (amount < 0) throw HdlValue.Error($"shift amount {amount} is negative");
        if (amount == 0) return a;
        if (amount >= a.Width)
        {
            if (left || a.Kind != HdlKind.Signed) return new ConstExpr(a.Kind, a.Width, 0);
            amount = a.Width - 1; // an arithmetic shift by width-1 already leaves only sign bits
        }
        return new ShiftConstExpr(left, a, amount);
    }

    public static Expr ShiftDynamic(bool left, Expr a, Expr amount)
    {
        if (amount.Kind == HdlKind.Signed) throw HdlValue.Error("a shift amount must be a UInt, not an SInt");
        return new BinaryExpr(left ? BinaryOp.ShiftLeft : BinaryOp.ShiftRight, a, amount, a.Kind, a.Width);
    }

    public static Expr Slice(Expr a, int hi, int lo)
    {
        if (lo < 0 || hi >= a.Width || hi < lo)
            throw HdlValue.Error($"slice [{hi}:{lo}] is outside a {Describe(a)} (bits {a.Width - 1}..0)");
        if (lo == 0 && hi == a.Width - 1 && a.Kind == HdlKind.Unsigned) return a;
        // A slice is a UInt, one bit wide or more (a single bit as a Bool is Bit(i) / x[i]).
        return new SliceExpr(a, hi, lo, HdlKind.Unsigned);
    }

    public static Expr Bit(Expr a, int index)
    {
        if (index < 0 || index >= a.Width)
            throw HdlValue.Error($"bit {index} is outside a {Describe(a)} (bits {a.Width - 1}..0)");
        if (a.Kind == HdlKind.Bool) return a;
        return new SliceExpr(a, index, index, HdlKind.Bool);
    }

    public static Expr Resize(Expr a, int width)
    {
        if (width < 1) throw HdlValue.Error($"cannot resize to {width} bits");
        if (width >= a.Width) return Extend(a, width);
        var low = new SliceExpr(a, width - 1, 0, HdlKind.Unsigned);
        return a.Kind == HdlKind.Signed ? new CastExpr(low, HdlKind.Signed) : low;
    }

    public static Expr Mux(Expr select, Expr whenTrue, Expr whenFalse)
    {
        if (select.Kind != HdlKind.Bool) throw HdlValue.Error($"a mux select must be a Bool, not a {Describe(select)}");
        if (whenTrue.Kind != whenFalse.Kind || whenTrue.Width != whenFalse.Width)
            throw HdlValue.Error($"mux inputs differ: a {Describe(whenTrue)} and a {Describe(whenFalse)}");
        if (select is ConstExpr k) return k.Bits.IsZero ? whenFalse : whenTrue;
        if (ReferenceEquals(whenTrue, whenFalse)) return whenTrue;
        return new MuxExpr(select, whenTrue, whenFalse);
    }

    public static string Symbol(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Sub => "-",
        BinaryOp.Mul => "*",
        BinaryOp.And => "&",
        BinaryOp.Or => "|",
        BinaryOp.Xor => "^",
        BinaryOp.Eq => "==",
        BinaryOp.Ne => "!=",
        BinaryOp.Lt => "<",
        BinaryOp.Le => "<=",
        BinaryOp.Gt => ">",
        BinaryOp.Ge => ">=",
        BinaryOp.ShiftLeft => "<<",
        BinaryOp.ShiftRight => ">>",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
