using System.Numerics;
using System.Runtime.CompilerServices;
using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>The cases of a <c>Switch</c>: <see cref="Is(long, Action, string, int)"/> and <see cref="Default"/>.</summary>
public sealed class SwitchBuilder
{
    private readonly Component owner;
    private readonly SwitchStmt stmt;
    private readonly HashSet<BigInteger> seen = [];

    internal SwitchBuilder(Component owner, SwitchStmt stmt)
    {
        this.owner = owner;
        this.stmt = stmt;
    }

    public void Is(long value, Action body, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Is([value], body, file, line);

    public void Is(long[] values, Action body, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var loc = SourceLocation.Of(file, line);
        if (stmt.Default is not null) throw new HdlException(loc, "a case after Default: Default must be the last case");
        var w = stmt.Selector.Width;
        var list = new List<BigInteger>();
        foreach (var v in values)
        {
            if (v < 0 || (BigInteger)v >= BigInteger.One << w)
                throw new HdlException(loc, $"case value {v} does not fit the {w}-bit selector (range 0..{(BigInteger.One << w) - 1})");
            if (!seen.Add(v)) throw new HdlException(loc, $"case value {v} appears twice in this Switch");
            list.Add(v);
        }
        var body2 = new List<Stmt>();
        stmt.Cases.Add((list, body2, loc));
        owner.RunScoped(body2, body);
    }

    public void Default(Action body, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        if (stmt.Default is not null) throw new HdlException(SourceLocation.Of(file, line), "a Switch can have only one Default");
        stmt.Default = [];
        owner.RunScoped(stmt.Default, body);
    }
}
