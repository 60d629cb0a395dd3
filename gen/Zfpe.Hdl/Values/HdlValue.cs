using System.Runtime.CompilerServices;
using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>
/// A hardware value: a declared signal or an expression over signals. Values are immutable
/// descriptions; <see cref="Assign"/> on a signal records a statement in the component being
/// constructed. Equality operators on the subclasses build hardware comparators, so
/// <see cref="Equals(object)"/> stays reference equality.
/// </summary>
public abstract class HdlValue : IHdlData
{
    internal HdlValue(Expr node) => Node = node;

    internal Expr Node { get; }

    public int Width => Node.Width;

    /// <summary>The value's bits as a UInt of the same width (the value itself for a UInt).</summary>
    public UInt AsBits() => this as UInt ?? new UInt(new CastExpr(Node, HdlKind.Unsigned));
    public HdlKind Kind => Node.Kind;

    /// <summary>The signal this value is, or null for an expression.</summary>
    public Signal? Signal => (Node as SignalExpr)?.Signal;

    /// <summary>The Verilog name of this signal (known after elaboration).</summary>
    public string Name => Signal?.Name
        ?? throw new InvalidOperationException(Signal is null ? "an expression has no name; only signals do" : $"{Signal.Describe()} has no name yet: elaborate or emit the design first");

    /// <summary>
    /// Drives this signal with <paramref name="value"/>: a combinational assignment for wires and
    /// outputs, the next value for registers. Inside When/Switch bodies the assignment is
    /// conditional; the last assignment on a path wins. Widths and kinds must match exactly.
    /// </summary>
    public void Assign(HdlValue value, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Construction.RecordAssign(this, value.Node, SourceLocation.Of(file, line));

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);
    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);

    public override string ToString() => Signal is { } s ? s.ToString() : $"<{Kind} {Width} expression>";

    internal static Exception Error(string problem) => new HdlException(SourceLocation.FromCallStack(), problem);
}
