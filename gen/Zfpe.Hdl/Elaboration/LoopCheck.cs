using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl.Elaboration;

/// <summary>
/// Finds combinational loops inside a component, through its sub-components' input-to-output
/// paths, and records the component's own input-to-output paths for its parent. Registers and
/// memory read data break paths; black boxes are assumed to have none.
/// </summary>
internal static class LoopCheck
{
    public static void Run(ModuleInfo info, IReadOnlyDictionary<Component, ModuleInfo> all)
    {
        var c = info.Component;
        if (c is BlackBox) return;

        // deps[t] = the combinational signals t depends on, with the location of one assignment.
        var deps = new Dictionary<Signal, List<(Signal From, SourceLocation At)>>();
        Collect(c.Body, [], deps);
        foreach (var ch in c.Children)
        {
            if (ch is BlackBox) continue;
            foreach (var (output, inputs) in all[ch].CombPaths)
                foreach (var input in inputs)
                    Edges(deps, output).Add((input, ch.InstanceLocation));
        }

        // Depth-first search for a cycle, in declaration order so the report is deterministic.
        var state = new Dictionary<Signal, int>(); // 1 = on the stack, 2 = done
        var stack = new List<(Signal Node, SourceLocation At)>();
        foreach (var start in deps.Keys.ToList())
            Visit(start, SourceLocation.Unknown);

        void Visit(Signal node, SourceLocation at)
        {
            if (state.TryGetValue(node, out var st))
            {
                if (st == 1) ReportLoop(node, at);
                return;
            }
            state[node] = 1;
            stack.Add((node, at));
            if (deps.TryGetValue(node, out var edges))
                foreach (var (from, loc) in edges)
                    if (IsCombinational(from)) Visit(from, loc);
            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
        }

        void ReportLoop(Signal node, SourceLocation closingAt)
        {
            var i = stack.FindIndex(e => ReferenceEquals(e.Node, node));
            var cycle = stack.Skip(i).ToList();
            // The search walks from a signal to what it depends on; print in the direction data flows.
            var names = cycle.Select(e => Name(c, e.Node)).Reverse().ToList();
            names.Add(names[0]);
            var locations = cycle.Skip(1).Select(e => e.At).Append(closingAt).Distinct().Select(l => l.ToString());
            throw new HdlException(closingAt, $"combinational loop: {string.Join(" -> ", names)} (assignments at {string.Join(", ", locations)}); break it with a register");
        }

        // The component's own input-to-output paths, for its parent's loop check.
        foreach (var output in c.Signals.Where(s => s.Role == SignalRole.Output))
        {
            var inputs = new HashSet<Signal>();
            var seen = new HashSet<Signal>();
            var work = new Stack<Signal>([output]);
            while (work.Count > 0)
            {
                var n = work.Pop();
                if (!seen.Add(n)) continue;
                if (n.Role == SignalRole.Input && ReferenceEquals(n.Owner, c)) inputs.Add(n);
                if (deps.TryGetValue(n, out var edges))
                    foreach (var (from, _) in edges)
                        if (IsCombinational(from)) work.Push(from);
            }
            if (inputs.Count > 0) info.CombPaths[output] = inputs;
        }
    }

    private static bool IsCombinational(Signal s) => !s.IsState;

    private static string Name(Component c, Signal s) =>
        ReferenceEquals(s.Owner, c) ? s.Name ?? "?" : $"{s.Owner.InstanceName}.{s.Name}";

    private static List<(Signal, SourceLocation)> Edges(Dictionary<Signal, List<(Signal, SourceLocation)>> deps, Signal s)
    {
        if (!deps.TryGetValue(s, out var list)) deps[s] = list = [];
        return list;
    }

    private static void Collect(List<Stmt> block, List<Expr> conditions, Dictionary<Signal, List<(Signal, SourceLocation)>> deps)
    {
        foreach (var stmt in block)
        {
            switch (stmt)
            {
                case AssignStmt a when !a.Target.IsState:
                    var edges = Edges(deps, a.Target);
                    foreach (var s in Reads(a.Value)) edges.Add((s, a.Location));
                    foreach (var cond in conditions)
                        foreach (var s in Reads(cond)) edges.Add((s, a.Location));
                    break;
                case WhenStmt w:
                    var conds = new List<Expr>(conditions);
                    foreach (var (cond, body, _) in w.Branches)
                    {
                        conds.Add(cond);
                        Collect(body, conds, deps);
                    }
                    if (w.Otherwise is not null) Collect(w.Otherwise, conds, deps);
                    break;
                case SwitchStmt sw:
                    var withSel = new List<Expr>(conditions) { sw.Selector };
                    foreach (var k in sw.Cases) Collect(k.Body, withSel, deps);
                    if (sw.Default is not null) Collect(sw.Default, withSel, deps);
                    break;
            }
        }
    }

    /// <summary>The signals an expression reads (each once), walking shared subtrees once.</summary>
    private static List<Signal> Reads(Expr root)
    {
        var result = new List<Signal>();
        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        var seenSignals = new HashSet<Signal>();
        var work = new Stack<Expr>();
        work.Push(root);
        while (work.Count > 0)
        {
            var e = work.Pop();
            if (!seen.Add(e)) continue;
            if (e is SignalExpr s && seenSignals.Add(s.Signal)) result.Add(s.Signal);
            foreach (var o in e.Operands) work.Push(o);
        }
        return result;
    }
}
