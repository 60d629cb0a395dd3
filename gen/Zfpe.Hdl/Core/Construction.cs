using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>
/// The components whose constructors are running on this thread, innermost last. A component
/// pushes itself in its base constructor; <see cref="Component.Instance{T}"/> (for children) or
/// elaboration (for the top) takes it off again. Statements are recorded in the innermost one,
/// which is how an assignment written in a parent's constructor lands in the parent.
/// </summary>
internal static class Construction
{
    [ThreadStatic] private static List<Component>? stack;

    public static Component? Current => stack is { Count: > 0 } ? stack[^1] : null;

    public static void Push(Component c) => (stack ??= []).Add(c);

    /// <summary>Ends the construction of a child: it must be the innermost component.</summary>
    public static void FinishChild(Component child, SourceLocation where)
    {
        if (stack is not { Count: > 0 } || !ReferenceEquals(stack[^1], child))
        {
            var innermost = Current;
            throw new HdlException(where, innermost is null
                ? $"Instance({child.GetType().Name}) outside of a component constructor"
                : $"Instance({child.GetType().Name}) while {innermost.GetType().Name} (constructed at {innermost.Declared}) is still the innermost component under construction: pass every component you create to Instance(...) right away, e.g. Instance(new {innermost.GetType().Name}(...))");
        }
        stack.RemoveAt(stack.Count - 1);
    }

    /// <summary>
    /// Checks that <paramref name="parent"/> is again the innermost component: anything above it
    /// was constructed inside its constructor but never passed to Instance(...).
    /// </summary>
    public static void RequireInnermost(Component parent, SourceLocation where)
    {
        if (stack is null) return;
        var i = stack.LastIndexOf(parent);
        if (i < 0 || i == stack.Count - 1) return;
        var orphan = stack[i + 1];
        throw new HdlException(where, $"a {orphan.GetType().Name} (constructor at {orphan.Declared}) was created inside {parent.GetType().Name} but never passed to Instance(...), so it is not part of the design: pass every component you create to Instance(...) right away");
    }

    /// <summary>Ends the construction of a top component (wherever it is: tests may build several).</summary>
    public static void FinishTop(Component top)
    {
        if (stack is null) return;
        var i = stack.LastIndexOf(top);
        if (i < 0) return;
        if (i < stack.Count - 1)
        {
            var orphan = stack[i + 1];
            stack.RemoveRange(i, stack.Count - i);
            throw new HdlException(orphan.Declared, $"a {orphan.GetType().Name} was created while {top.GetType().Name} was being constructed but never passed to Instance(...), so it is not part of the design");
        }
        stack.RemoveAt(i);
    }

    public static void RecordAssign(HdlValue target, Expr value, SourceLocation location)
    {
        var context = Current ?? throw new HdlException(location, "an assignment can only be made while a component is being constructed (in its constructor)");
        var signal = target.Signal ?? throw new HdlException(location, $"only a signal can be assigned; the left-hand side is a {Ops.Describe(target.Node)} expression");
        context.Record(new AssignStmt(signal, value, location));
    }
}
