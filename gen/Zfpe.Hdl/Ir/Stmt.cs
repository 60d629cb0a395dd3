namespace Zfpe.Hdl.Ir;

/// <summary>A statement of a component's body. Later assignments win, as in a Verilog always block.</summary>
internal abstract class Stmt(SourceLocation location)
{
    public SourceLocation Location { get; } = location;
}

internal sealed class AssignStmt(Signal target, Expr value, SourceLocation location) : Stmt(location)
{
    public Signal Target { get; } = target;
    public Expr Value { get; } = value;
}

internal sealed class MemWriteStmt(Memory memory, Expr address, Expr data, SourceLocation location) : Stmt(location)
{
    public Memory Memory { get; } = memory;
    public Expr Address { get; } = address;
    public Expr Data { get; } = data;
}

/// <summary>when / else-when / otherwise: branches tried in order; <see cref="Otherwise"/> may be null.</summary>
internal sealed class WhenStmt(SourceLocation location) : Stmt(location)
{
    public List<(Expr Condition, List<Stmt> Body, SourceLocation Location)> Branches { get; } = [];
    public List<Stmt>? Otherwise { get; set; }
}

internal sealed class SwitchStmt(Expr selector, SourceLocation location) : Stmt(location)
{
    public Expr Selector { get; } = selector;
    public List<(IReadOnlyList<System.Numerics.BigInteger> Values, List<Stmt> Body, SourceLocation Location)> Cases { get; } = [];
    public List<Stmt>? Default { get; set; }

    /// <summary>Named constants to print as case labels instead of numbers (a state machine's states).</summary>
    public Dictionary<System.Numerics.BigInteger, NamedConstExpr>? Labels { get; set; }
}
