using System.Runtime.CompilerServices;
using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>Continues a <c>When</c> with <see cref="ElseWhen"/> and <see cref="Otherwise"/>.</summary>
public sealed class WhenBuilder
{
    private readonly Component owner;
    private readonly WhenStmt stmt;

    internal WhenBuilder(Component owner, WhenStmt stmt)
    {
        this.owner = owner;
        this.stmt = stmt;
    }

    internal void AddBranch(Bool condition, Action body, SourceLocation loc)
    {
        if (stmt.Otherwise is not null) throw new HdlException(loc, "ElseWhen after Otherwise: Otherwise must be the last branch");
        if (condition.Kind != HdlKind.Bool) throw new HdlException(loc, "a When condition must be a Bool");
        var list = new List<Stmt>();
        stmt.Branches.Add((condition.Node, list, loc));
        owner.RunScoped(list, body);
    }

    public WhenBuilder ElseWhen(Bool condition, Action body, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        AddBranch(condition, body, SourceLocation.Of(file, line));
        return this;
    }

    public void Otherwise(Action body, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        if (stmt.Otherwise is not null) throw new HdlException(SourceLocation.Of(file, line), "a When can have only one Otherwise");
        stmt.Otherwise = [];
        owner.RunScoped(stmt.Otherwise, body);
    }
}
