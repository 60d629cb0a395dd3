using System.Numerics;

namespace Zfpe.Hdl.Ir;

/// <summary>
/// An expression node of the IR. Every node knows its kind and width; operand widths are made
/// equal when nodes are built (explicit extension nodes are inserted), so that the emitter can
/// print Verilog whose context-determined widths always equal the node widths.
/// </summary>
internal abstract class Expr(HdlKind kind, int width)
{
    public HdlKind Kind { get; } = kind;
    public int Width { get; } = width;

    /// <summary>The direct operands, for walks over the tree.</summary>
    public abstract IEnumerable<Expr> Operands { get; }
}

internal sealed class SignalExpr(Signal signal) : Expr(signal.Kind, signal.Width)
{
    public Signal Signal { get; } = signal;
    public override IEnumerable<Expr> Operands => [];
}

/// <summary>A constant; <see cref="Bits"/> is the unsigned bit pattern (0 ≤ Bits &lt; 2^Width).</summary>
internal class ConstExpr(HdlKind kind, int width, BigInteger bits) : Expr(kind, width)
{
    public BigInteger Bits { get; } = bits;
    public override IEnumerable<Expr> Operands => [];
}

/// <summary>
/// A constant with a name, printed as a <c>localparam</c> of its module (a state of a state
/// machine: <c>STATE_IDLE</c>). The name is asked for when the module is printed, after elaboration
/// has named the signals it derives from.
/// </summary>
internal sealed class NamedConstExpr(Func<string> name, HdlKind kind, int width, BigInteger bits) : ConstExpr(kind, width, bits)
{
    public string Name => name();
}

internal enum UnaryOp { Not, Negate, ReduceAnd, ReduceOr, ReduceXor }

internal sealed class UnaryExpr(UnaryOp op, Expr operand, HdlKind kind, int width) : Expr(kind, width)
{
    public UnaryOp Op { get; } = op;
    public Expr Operand { get; } = operand;
    public override IEnumerable<Expr> Operands => [Operand];
}

internal enum BinaryOp { Add, Sub, Mul, And, Or, Xor, Eq, Ne, Lt, Le, Gt, Ge, ShiftLeft, ShiftRight }

internal sealed class BinaryExpr(BinaryOp op, Expr left, Expr right, HdlKind kind, int width) : Expr(kind, width)
{
    public BinaryOp Op { get; } = op;
    public Expr Left { get; } = left;
    public Expr Right { get; } = right;
    public override IEnumerable<Expr> Operands => [Left, Right];
}

/// <summary>Shift by a constant amount; the width is kept (zeros or sign bits shift in).</summary>
internal sealed class ShiftConstExpr(bool left, Expr operand, int amount) : Expr(operand.Kind, operand.Width)
{
    public bool Left { get; } = left;
    public Expr Operand { get; } = operand;
    public int Amount { get; } = amount;
    public override IEnumerable<Expr> Operands => [Operand];
}

internal sealed class MuxExpr(Expr select, Expr whenTrue, Expr whenFalse) : Expr(whenTrue.Kind, whenTrue.Width)
{
    public Expr Select { get; } = select;
    public Expr WhenTrue { get; } = whenTrue;
    public Expr WhenFalse { get; } = whenFalse;
    public override IEnumerable<Expr> Operands => [Select, WhenTrue, WhenFalse];
}

/// <summary>Bits [Hi:Lo] of the operand; a single bit is a Bool.</summary>
internal sealed class SliceExpr(Expr operand, int hi, int lo, HdlKind kind) : Expr(kind, hi - lo + 1)
{
    public Expr Operand { get; } = operand;
    public int Hi { get; } = hi;
    public int Lo { get; } = lo;
    public override IEnumerable<Expr> Operands => [Operand];
}

/// <summary>Concatenation, most significant part first (as in Verilog).</summary>
internal sealed class ConcatExpr(IReadOnlyList<Expr> parts) : Expr(HdlKind.Unsigned, parts.Sum(p => p.Width))
{
    public IReadOnlyList<Expr> Parts { get; } = parts;
    public override IEnumerable<Expr> Operands => Parts;
}

/// <summary>Zero or sign extension to a larger width.</summary>
internal sealed class ExtendExpr(Expr operand, int width, bool signExtend) : Expr(operand.Kind == HdlKind.Bool ? HdlKind.Unsigned : operand.Kind, width)
{
    public Expr Operand { get; } = operand;
    public bool SignExtend { get; } = signExtend;
    public override IEnumerable<Expr> Operands => [Operand];
}

/// <summary>Reinterprets the bits as another kind of the same width.</summary>
internal sealed class CastExpr(Expr operand, HdlKind kind) : Expr(kind, operand.Width)
{
    public Expr Operand { get; } = operand;
    public override IEnumerable<Expr> Operands => [Operand];
}

/// <summary>Asynchronous (combinational) read of a memory word.</summary>
internal sealed class MemReadExpr(Memory memory, Expr address) : Expr(HdlKind.Unsigned, memory.Width)
{
    public Memory Memory { get; } = memory;
    public Expr Address { get; } = address;
    public override IEnumerable<Expr> Operands => [Address];
}
