using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl.Elaboration;

/// <summary>
/// Checks every statement of a component: who may assign what (own wires, outputs and
/// registers; inputs of direct sub-components), who may read what, widths and kinds, and then
/// that every combinational target is driven on every path (no latch), every output, wire and
/// instance input is driven, every register gets a next value, and nothing is assigned twice
/// unconditionally in the same block (the first assignment would be dead).
/// </summary>
internal static class DriverCheck
{
    /// <summary>Runs the checks; returns the number of IR nodes visited.</summary>
    public static int Run(ModuleInfo info, IReadOnlyDictionary<Component, ModuleInfo> all)
    {
        var c = info.Component;
        var nodes = c.Signals.Count;
        if (c is BlackBox)
        {
            if (c.Body.Count > 0) throw new HdlException(c.Body[0].Location, $"a black box ({c.ModuleBaseName}) cannot contain logic");
            return nodes;
        }

        var firstAssign = new Dictionary<Signal, SourceLocation>();
        var memWritten = new HashSet<Memory>();
        var visitor = new Walker(c, info, firstAssign, memWritten);
        visitor.Block(c.Body, []);
        nodes += visitor.Nodes;

        foreach (var m in c.Memories)
            foreach (var (data, address, enable, loc) in m.SyncReads)
            {
                nodes += visitor.CheckReads(address, loc);
                if (enable is not null) nodes += visitor.CheckReads(enable, loc);
            }
        foreach (var s in c.Signals.Where(s => s.Enable is not null)) nodes += visitor.CheckReads(s.Enable!, s.Declared);

        var definite = DefinitelyAssigned(c.Body);

        foreach (var s in c.Signals)
        {
            var assigned = firstAssign.TryGetValue(s, out var at);
            switch (s.Role)
            {
                case SignalRole.Output when !assigned:
                    throw new HdlException(s.Declared, $"undriven output {s.Describe()} of {c.GetType().Name}: assign it a value");
                case SignalRole.Wire when !assigned:
                    throw new HdlException(s.Declared, $"undriven wire {s.Describe()}: assign it a value or remove it");
                case SignalRole.Register when !assigned:
                    throw new HdlException(s.Declared, $"register {s.Describe()} is never assigned a next value: it would hold its reset value forever (use a constant instead, or assign it)");
                case SignalRole.Output or SignalRole.Wire when !definite.Contains(s):
                    throw new HdlException(at, $"latch: {s.Describe()} is not assigned on every path through When/Switch (first assignment here); give it a default value before the When, or add Otherwise/Default");
            }
        }
        foreach (var ch in c.Children)
            foreach (var p in ch.Ports.Where(p => p.Role == SignalRole.Input))
            {
                if (!firstAssign.TryGetValue(p, out var at))
                    throw new HdlException(ch.InstanceLocation, $"unconnected instance input: port '{p.Name}' of instance '{ch.InstanceName}' ({ch.ModuleName}) is never driven");
                if (!definite.Contains(p))
                    throw new HdlException(at, $"latch: input '{p.Name}' of instance '{ch.InstanceName}' is not assigned on every path through When/Switch; give it a default value before the When");
            }
        // Inout ports carry no logic: each of this component's is attached to instance pins, bit
        // for bit at most once, and each instance's inout pin is attached.
        foreach (var pad in c.Signals.Where(s => s.Role == SignalRole.InOut))
        {
            var covered = new bool[pad.Width];
            foreach (var a in c.Attachments.Where(a => ReferenceEquals(a.Pad, pad)))
                for (var i = a.Lo; i < a.Lo + a.Width; i++)
                {
                    if (covered[i]) throw new HdlException(a.Location, $"inout port {pad.Describe()}: bit {i} is attached to two instance pins");
                    covered[i] = true;
                }
            var open = Array.IndexOf(covered, false);
            if (open >= 0) throw new HdlException(pad.Declared, $"inout port {pad.Describe()}: bit {open} is attached to no instance pin (use Attach)");
        }
        foreach (var ch in c.Children)
            foreach (var p in ch.Ports.Where(p => p.Role == SignalRole.InOut))
                if (!c.Attachments.Any(a => ReferenceEquals(a.ChildPin, p)))
                    throw new HdlException(ch.InstanceLocation, $"unconnected inout pin: port '{p.Name}' of instance '{ch.InstanceName}' ({ch.ModuleName}) is attached to no pad (use Attach)");
        foreach (var m in c.Memories)
        {
            if (!memWritten.Contains(m)) throw new HdlException(m.Declared, $"memory {m.Describe()} is never written");
            if (m.SyncReads.Count == 0 && !visitor.AsyncRead.Contains(m)) throw new HdlException(m.Declared, $"memory {m.Describe()} is never read");
        }
        return nodes;
    }

    /// <summary>The targets assigned on every path through <paramref name="block"/>.</summary>
    public static HashSet<Signal> DefinitelyAssigned(List<Stmt> block)
    {
        var set = new HashSet<Signal>();
        foreach (var stmt in block)
        {
            switch (stmt)
            {
                case AssignStmt a:
                    set.Add(a.Target);
                    break;
                case WhenStmt w when w.Otherwise is not null:
                    set.UnionWith(Intersect(w.Branches.Select(b => b.Body).Append(w.Otherwise)));
                    break;
                case SwitchStmt sw when sw.Default is not null || CoversAll(sw):
                    set.UnionWith(Intersect(sw.Cases.Select(k => k.Body).Concat(sw.Default is null ? [] : [sw.Default])));
                    break;
            }
        }
        return set;
    }

    public static bool CoversAll(SwitchStmt sw) =>
        sw.Selector.Width < 20 && sw.Cases.Sum(k => k.Values.Count) == 1 << sw.Selector.Width;

    private static HashSet<Signal> Intersect(IEnumerable<List<Stmt>> blocks)
    {
        HashSet<Signal>? result = null;
        foreach (var b in blocks)
        {
            var d = DefinitelyAssigned(b);
            if (result is null) result = d;
            else result.IntersectWith(d);
        }
        return result ?? [];
    }

    private sealed class Walker(Component c, ModuleInfo info, Dictionary<Signal, SourceLocation> firstAssign, HashSet<Memory> memWritten)
    {
        public int Nodes;
        public HashSet<Memory> AsyncRead { get; } = [];

        public void Block(List<Stmt> block, List<Expr> conditions)
        {
            var direct = new Dictionary<Signal, SourceLocation>();
            foreach (var stmt in block)
            {
                Nodes++;
                switch (stmt)
                {
                    case AssignStmt a:
                        Target(a);
                        Nodes += CheckReads(a.Value, a.Location);
                        if (direct.TryGetValue(a.Target, out var earlier))
                            throw new HdlException(a.Location, $"more than one driver: {a.Target.Describe()} is assigned at {earlier} and again here in the same block, so the first assignment never takes effect");
                        direct[a.Target] = a.Location;
                        firstAssign.TryAdd(a.Target, a.Location);
                        break;
                    case MemWriteStmt w:
                        Nodes += CheckReads(w.Address, w.Location);
                        Nodes += CheckReads(w.Data, w.Location);
                        memWritten.Add(w.Memory);
                        break;
                    case WhenStmt w:
                        foreach (var (cond, body, loc) in w.Branches)
                        {
                            Nodes += CheckReads(cond, loc);
                            Block(body, conditions);
                        }
                        if (w.Otherwise is not null) Block(w.Otherwise, conditions);
                        break;
                    case SwitchStmt sw:
                        Nodes += CheckReads(sw.Selector, sw.Location);
                        foreach (var k in sw.Cases) Block(k.Body, conditions);
                        if (sw.Default is not null) Block(sw.Default, conditions);
                        break;
                }
            }
        }

        private void Target(AssignStmt a)
        {
            var t = a.Target;
            if (t.Role == SignalRole.InOut)
                throw new HdlException(a.Location, $"inout port {t.Describe()} carries no logic and cannot be assigned: attach it to an I/O buffer's pin with Attach");
            if (ReferenceEquals(t.Owner, c))
            {
                if (t.Role == SignalRole.Input)
                    throw new HdlException(a.Location, $"more than one driver: input port {t.Describe()} of {c.GetType().Name} is driven from outside and cannot be assigned inside it");
                if (t.Role == SignalRole.MemoryReadData)
                    throw new HdlException(a.Location, $"{t.Describe()} is the read data of a memory and cannot be assigned");
            }
            else if (ReferenceEquals(t.Owner.Parent, c))
            {
                if (t.Role == SignalRole.Output)
                    throw new HdlException(a.Location, $"more than one driver: output '{t.Name}' of instance '{t.Owner.InstanceName}' is driven by that instance and cannot also be assigned here");
                if (t.Role != SignalRole.Input)
                    throw new HdlException(a.Location, $"'{t.Name}' is inside instance '{t.Owner.InstanceName}'; only its ports can be used from {c.GetType().Name}");
            }
            else
            {
                throw new HdlException(a.Location, $"{t.Describe()} belongs to {t.Owner.GetType().Name}, not to {c.GetType().Name}: a component can assign only its own signals and the inputs of its direct sub-components");
            }

            if (t.Kind != a.Value.Kind || t.Width != a.Value.Width)
            {
                var hint = t.Kind != a.Value.Kind
                    ? " (convert explicitly: AsUInt(), AsSInt(), AsBool())"
                    : a.Value.Width > t.Width ? " (truncate explicitly with Truncate or Resize)" : " (extend explicitly with ZeroExtend, SignExtend or Resize)";
                throw new HdlException(a.Location, $"width mismatch: assigning a {Ops.Describe(a.Value)} to {t.Describe()}, a {Ops.KindName(t.Kind, t.Width)}{hint}");
            }
        }

        /// <summary>Checks that <paramref name="e"/> reads only signals visible in this component.</summary>
        public int CheckReads(Expr e, SourceLocation loc)
        {
            var count = 1;
            switch (e)
            {
                case SignalExpr s:
                    var sig = s.Signal;
                    if (sig.Role == SignalRole.InOut)
                        throw new HdlException(loc, $"inout port {sig.Describe()} carries no logic and cannot be read: attach it to an I/O buffer's pin with Attach and read the buffer's output");
                    var visible = ReferenceEquals(sig.Owner, c)
                        ? !(ReferenceEquals(sig, info.ClockPort) || ReferenceEquals(sig, info.ResetPort))
                        : ReferenceEquals(sig.Owner.Parent, c) && sig.IsPort;
                    if (!visible)
                        throw new HdlException(loc, ReferenceEquals(sig.Owner.Parent, c)
                            ? $"'{sig.Name}' is inside instance '{sig.Owner.InstanceName}'; only its ports can be read from {c.GetType().Name}"
                            : $"{sig.Describe()} belongs to {sig.Owner.GetType().Name} and cannot be read in {c.GetType().Name}: a component reads only its own signals and the ports of its direct sub-components");
                    break;
                case MemReadExpr m:
                    if (!ReferenceEquals(m.Memory.Owner, c))
                        throw new HdlException(loc, $"memory {m.Memory.Describe()} belongs to {m.Memory.Owner.GetType().Name} and cannot be read in {c.GetType().Name}");
                    AsyncRead.Add(m.Memory);
                    break;
            }
            foreach (var o in e.Operands) count += CheckReads(o, loc);
            return count;
        }
    }
}
