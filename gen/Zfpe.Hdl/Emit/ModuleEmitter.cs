using System.Numerics;
using System.Globalization;
using System.Text;
using Zfpe.Hdl.Elaboration;
using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl.Emit;

/// <summary>
/// Renders one elaborated component as a Verilog-2005 module. Module-level text comes from the
/// Handlebars templates; expressions and statements are printed here. Combinational targets
/// with a single unconditional assignment become <c>assign</c>; others get an
/// <c>always @(*)</c> block of their own (the statement tree projected onto that target), so a
/// simulator never sees a false loop. Registers with a reset share one clocked block, registers
/// without one another; each memory gets its write block and one block per read port.
/// </summary>
internal sealed class ModuleEmitter
{
    private readonly ModuleInfo info;
    private readonly IReadOnlyDictionary<Component, ModuleInfo> all;
    private readonly Component c;
    private readonly ExprPrinter printer;
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly Dictionary<Signal, int> assignCount = [];
    private readonly HashSet<Signal> conditional = [];
    private readonly SourceMapRecorder sourceLines = new();

    /// <summary>The module's source map, set by <see cref="Emit"/>.</summary>
    public ModuleSourceMap? SourceMap { get; private set; }

    public ModuleEmitter(ModuleInfo info, IReadOnlyDictionary<Component, ModuleInfo> all)
    {
        this.info = info;
        this.all = all;
        c = info.Component;
        foreach (var p in info.Ports) names.Add(p.Name!);
        foreach (var s in c.Signals) names.Add(s.Name!);
        foreach (var m in c.Memories) names.Add(m.Name!);
        foreach (var ch in c.Children)
        {
            names.Add(ch.InstanceName!);
            foreach (var p in ch.Ports.Where(p => p.Role != SignalRole.InOut)) names.Add(info.ChildNets[p]);
        }
        printer = new ExprPrinter(c, info.ChildNets, names.Contains);
        CountAssignments(c.Body, nested: false);
        var uses = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        CountUses(c.Body, uses);
        foreach (var m in c.Memories)
            foreach (var r in m.SyncReads)
            {
                printer.CountUses(r.Address, uses);
                if (r.Enable is not null) printer.CountUses(r.Enable, uses);
            }
        foreach (var s in c.Signals.Where(s => s.Enable is not null)) printer.CountUses(s.Enable!, uses);
    }

    private void CountUses(List<Stmt> block, Dictionary<Expr, int> uses)
    {
        foreach (var stmt in block)
        {
            switch (stmt)
            {
                case AssignStmt a:
                    printer.CountUses(a.Value, uses);
                    break;
                case MemWriteStmt w:
                    printer.CountUses(w.Address, uses);
                    printer.CountUses(w.Data, uses);
                    break;
                case WhenStmt w:
                    foreach (var b in w.Branches)
                    {
                        printer.CountUses(b.Condition, uses);
                        CountUses(b.Body, uses);
                    }
                    if (w.Otherwise is not null) CountUses(w.Otherwise, uses);
                    break;
                case SwitchStmt sw:
                    printer.CountUses(sw.Selector, uses);
                    foreach (var k in sw.Cases) CountUses(k.Body, uses);
                    if (sw.Default is not null) CountUses(sw.Default, uses);
                    break;
            }
        }
    }

    public string Emit()
    {
        var logic = new StringBuilder();
        EmitCombinational(logic);
        EmitSequential(logic);
        var instances = new StringBuilder();
        foreach (var ch in c.Children) EmitInstance(instances, ch);

        // Declarations come last in the making (temporaries appear while printing) but first in the text.
        var body = new StringBuilder();
        EmitDeclarations(body);
        EmitStateNames(body);
        var partStart = new Dictionary<StringBuilder, int>(ReferenceEqualityComparer.Instance) { [body] = 0 };
        if (logic.Length > 0)
        {
            partStart[logic] = body.AppendLine().Length;
            body.Append(logic);
        }
        if (instances.Length > 0)
        {
            partStart[instances] = body.AppendLine().Length;
            body.Append(instances);
        }
        EmitUnusedSink(body);

        var ports = info.Ports.Select((p, i) => new Dictionary<string, object>
        {
            ["declaration"] = PortDeclaration(p),
            ["separator"] = i == info.Ports.Count - 1 ? "" : ",",
            ["comment"] = PortComment(p),
        }).ToList();
        var declWidth = ports.Count == 0 ? 0 : ports.Max(p => ((string)p["declaration"]).Length + ((string)p["separator"]).Length);
        foreach (var p in ports)
            p["separator"] = ((string)p["separator"]).PadRight(declWidth - ((string)p["declaration"]).Length);

        var nonDefault = c.Parameters.Select(p => $"{p.Name}={p.Value}").ToList();
        var text = Templates.Module(new Dictionary<string, object>
        {
            ["fileName"] = c.ModuleName + ".v",
            ["version"] = GeneratorInfo.Version,
            ["className"] = c.ClassName,
            ["source"] = c.Declared.ToString(),
            ["hasParameters"] = nonDefault.Count > 0,
            ["parameters"] = string.Join(", ", nonDefault),
            ["moduleName"] = c.ModuleName,
            ["ports"] = ports,
            ["body"] = body.ToString(),
        });
        var bodyStart = text.IndexOf(body.ToString(), StringComparison.Ordinal);
        SourceMap = BuildSourceMap(sourceLines.Resolve(text, partStart, bodyStart));
        return text;
    }

    private ModuleSourceMap BuildSourceMap(IReadOnlyList<SourceMapLine> statementLines)
    {
        var signals = new List<SourceMapSignal>();
        foreach (var p in info.Ports)
            signals.Add(new(p.Name!, p.Role switch
            {
                SignalRole.Input => SourceMapSignalKind.Input,
                SignalRole.InOut => SourceMapSignalKind.InOut,
                _ => SourceMapSignalKind.Output,
            }, p.Width, p.Declared.ToString()));
        foreach (var s in c.Signals.Where(s => !s.IsPort))
        {
            var kind = s.Role switch
            {
                SignalRole.Register => SourceMapSignalKind.Register,
                SignalRole.MemoryReadData => SourceMapSignalKind.MemoryReadData,
                _ => SourceMapSignalKind.Wire,
            };
            signals.Add(new(s.Name!, kind, s.Width, s.Declared.ToString()));
        }
        foreach (var ch in c.Children)
            foreach (var p in ch.Ports.Where(p => p.Role != SignalRole.InOut))
                signals.Add(new($"{ch.InstanceName}_{p.Name}", SourceMapSignalKind.InstancePort, p.Width, ch.InstanceLocation.ToString(), ch.InstanceName, p.Name));
        foreach (var m in c.Memories)
            signals.Add(new(m.Name!, SourceMapSignalKind.Memory, m.Width, m.Declared.ToString()));
        foreach (var t in printer.Temps)
            signals.Add(new(t.Name, SourceMapSignalKind.ExpressionPart, t.Value.Width, t.Location.ToString(), names.Contains(t.Owner) ? t.Owner : null));
        var instances = c.Children.Select(ch => new SourceMapInstance(ch.InstanceName!, ch.ModuleName, ch.InstanceLocation.ToString())).ToList();
        return new ModuleSourceMap(c.ModuleName, c.ModuleName + ".v", c.ClassName, c.Declared.ToString(), signals, instances, statementLines);
    }

    // ---- classification -------------------------------------------------------------------

    private void CountAssignments(List<Stmt> block, bool nested)
    {
        foreach (var stmt in block)
        {
            switch (stmt)
            {
                case AssignStmt a:
                    assignCount[a.Target] = assignCount.GetValueOrDefault(a.Target) + 1;
                    if (nested) conditional.Add(a.Target);
                    break;
                case WhenStmt w:
                    foreach (var b in w.Branches) CountAssignments(b.Body, true);
                    if (w.Otherwise is not null) CountAssignments(w.Otherwise, true);
                    break;
                case SwitchStmt sw:
                    foreach (var k in sw.Cases) CountAssignments(k.Body, true);
                    if (sw.Default is not null) CountAssignments(sw.Default, true);
                    break;
            }
        }
    }

    /// <summary>A combinational target assigned once, unconditionally: a continuous assignment.</summary>
    private bool IsContinuous(Signal s) => assignCount.GetValueOrDefault(s) == 1 && !conditional.Contains(s);

    private bool IsVerilogReg(Signal s) => s.IsState || (assignCount.ContainsKey(s) && !IsContinuous(s));

    private static bool IsCombTarget(Signal s) => !s.IsState;

    // ---- declarations ---------------------------------------------------------------------

    private static string Range(int width, bool signed) =>
        (signed ? "signed " : "") + (width == 1 ? "" : $"[{width - 1}:0]");

    private string PortDeclaration(Signal p)
    {
        if (p.Role == SignalRole.InOut) return Clean($"inout  wire {Range(p.Width, p.Kind == HdlKind.Signed)} {p.Name}");
        var dir = p.Role == SignalRole.Input ? "input " : "output";
        var kind = p.Role == SignalRole.Output && IsVerilogReg(p) ? "reg " : "wire";
        return Clean($"{dir} {kind} {Range(p.Width, p.Kind == HdlKind.Signed)} {p.Name}");
    }

    private string PortComment(Signal p)
    {
        if (ReferenceEquals(p, info.ClockPort)) return "implicit clock (rising edge)";
        if (ReferenceEquals(p, info.ResetPort)) return "implicit synchronous reset, active high";
        return p.Declared.ToString();
    }

    private void EmitDeclarations(StringBuilder sb)
    {
        foreach (var m in c.StateMachines)
            foreach (var state in m.States) printer.NamedConstants.TryAdd(state.Name, state);
        if (printer.NamedConstants.Count > 0)
        {
            var consts = printer.NamedConstants.Values.Select(k =>
                $"localparam {Range(k.Width, k.Kind == HdlKind.Signed)} {k.Name} = {ExprPrinter.Constant(k.Kind, k.Width, k.Bits)};").Select(Clean).ToList();
            foreach (var line in consts) sb.AppendLine($"    {line}");
            sb.AppendLine();
        }
        var lines = new List<(string Decl, string Comment)>();
        foreach (var s in c.Signals.Where(s => !s.IsPort))
        {
            var comment = s.Declared.ToString();
            if (s.Role == SignalRole.Register)
                comment += s.ResetValue is { } r ? $", reset {r}" : ", no reset";
            if (s.Role == SignalRole.MemoryReadData) comment += ", memory read data";
            lines.Add(($"{(IsVerilogReg(s) ? "reg " : "wire")} {Range(s.Width, s.Kind == HdlKind.Signed),-8} {s.Name};", comment));
        }
        foreach (var ch in c.Children)
            foreach (var p in ch.Ports.Where(p => p.Role != SignalRole.InOut))
                lines.Add(($"{(p.Role == SignalRole.Input && IsVerilogReg(p) ? "reg " : "wire")} {Range(p.Width, p.Kind == HdlKind.Signed),-8} {info.ChildNets[p]};",
                    $"port {p.Name} of instance {ch.InstanceName}"));
        foreach (var m in c.Memories)
            lines.Add(($"reg  [{m.Width - 1}:0] {m.Name} [0:{m.Depth - 1}];", $"{m.Declared}, {m.Depth} x {m.Width} bits"));
        foreach (var t in printer.Temps)
            lines.Add(($"wire {Range(t.Value.Width, t.Value.Kind == HdlKind.Signed),-8} {t.Name};", $"{t.Location}, part of an expression"));
        if (lines.Count == 0) return;
        var width = lines.Max(l => l.Decl.Length);
        foreach (var (decl, comment) in lines)
            sb.Append("    ").Append(Clean(decl).PadRight(width)).Append("  // ").AppendLine(comment);
        if (printer.Temps.Count > 0)
        {
            sb.AppendLine();
            foreach (var t in printer.Temps)
            {
                sourceLines.Mark(sb, t.Location, SourceMapStatement.ExpressionPart, t.Name);
                sb.AppendLine($"    assign {t.Name} = {t.Text};");
            }
        }
    }

    private static string Clean(string decl)
    {
        while (decl.Contains("  ")) decl = decl.Replace("  ", " ");
        return decl;
    }

    // ---- combinational logic ---------------------------------------------------------------

    private void EmitCombinational(StringBuilder sb)
    {
        var targets = new List<Signal>();
        var seen = new HashSet<Signal>();
        CollectTargets(c.Body, targets, seen);
        foreach (var t in targets.Where(IsCombTarget))
        {
            var name = printer.NameOf(t);
            if (IsContinuous(t))
            {
                var a = FindSingle(c.Body, t)!;
                printer.SetContext(name, a.Location);
                sourceLines.Mark(sb, a.Location, SourceMapStatement.Assign, name);
                sb.AppendLine($"    assign {name} = {printer.Print(a.Value)};  // {a.Location}");
            }
            else
            {
                sb.AppendLine($"    always @(*) begin  // {name}");
                PrintBlock(sb, c.Body, 2, s => s is AssignStmt a && ReferenceEquals(a.Target, t), "=");
                sb.AppendLine("    end");
            }
        }
    }

    private static void CollectTargets(List<Stmt> block, List<Signal> targets, HashSet<Signal> seen)
    {
        foreach (var stmt in block)
        {
            switch (stmt)
            {
                case AssignStmt a:
                    if (seen.Add(a.Target)) targets.Add(a.Target);
                    break;
                case WhenStmt w:
                    foreach (var b in w.Branches) CollectTargets(b.Body, targets, seen);
                    if (w.Otherwise is not null) CollectTargets(w.Otherwise, targets, seen);
                    break;
                case SwitchStmt sw:
                    foreach (var k in sw.Cases) CollectTargets(k.Body, targets, seen);
                    if (sw.Default is not null) CollectTargets(sw.Default, targets, seen);
                    break;
            }
        }
    }

    private static AssignStmt? FindSingle(List<Stmt> block, Signal t) =>
        block.OfType<AssignStmt>().FirstOrDefault(a => ReferenceEquals(a.Target, t));

    // ---- sequential logic -----------------------------------------------------------------

    private void EmitSequential(StringBuilder sb)
    {
        if (info.Clock is null) return;
        var clock = printer.NameOf(info.Clock);
        printer.MarkRead(info.Clock, 0, 0);
        var withReset = c.Signals.Where(s => s.Role == SignalRole.Register && s.ResetValue is not null).ToHashSet();
        var withoutReset = c.Signals.Where(s => s.Role == SignalRole.Register && s.ResetValue is null).ToHashSet();

        if (withReset.Count > 0)
        {
            var reset = printer.NameOf(info.Reset!);
            printer.MarkRead(info.Reset!, 0, 0);
            sb.AppendLine($"    always @(posedge {clock}) begin");
            sb.AppendLine($"        if ({reset}) begin");
            foreach (var r in withReset)
            {
                sourceLines.Mark(sb, r.Declared, SourceMapStatement.Reset, r.Name);
                sb.AppendLine($"            {r.Name} <= {ExprPrinter.Constant(r.Kind, r.Width, r.ResetValue!.Value)};");
            }
            sb.AppendLine("        end else begin");
            PrintBlock(sb, c.Body, 3, s => s is AssignStmt a && withReset.Contains(a.Target), "<=");
            sb.AppendLine("        end");
            sb.AppendLine("    end");
        }
        if (withoutReset.Count > 0)
        {
            sb.AppendLine($"    always @(posedge {clock}) begin");
            PrintBlock(sb, c.Body, 2, s => s is AssignStmt a && withoutReset.Contains(a.Target), "<=");
            sb.AppendLine("    end");
        }
        foreach (var m in c.Memories)
        {
            sb.AppendLine($"    always @(posedge {clock}) begin  // writes of {m.Name}");
            PrintBlock(sb, c.Body, 2, s => s is MemWriteStmt w && ReferenceEquals(w.Memory, m), "<=");
            sb.AppendLine("    end");
            foreach (var (data, address, enable, loc) in m.SyncReads)
            {
                printer.SetContext(data.Name!, loc);
                var read = $"{data.Name} <= {m.Name}[{printer.Print(address)}];";
                sb.AppendLine($"    always @(posedge {clock}) begin  // read port {data.Name}, {loc}");
                sourceLines.Mark(sb, loc, SourceMapStatement.MemoryRead, data.Name);
                sb.AppendLine(enable is null ? $"        {read}" : $"        if ({printer.Print(enable)}) {read}");
                sb.AppendLine("    end");
            }
        }
    }

    // ---- statements -----------------------------------------------------------------------

    private readonly Dictionary<Stmt, List<Stmt>> leavesUnder = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether a statement, or any statement under it, passes <paramref name="leaf"/>.</summary>
    private bool Relevant(Stmt s, Func<Stmt, bool> leaf)
    {
        if (s is not (WhenStmt or SwitchStmt)) return leaf(s);
        if (!leavesUnder.TryGetValue(s, out var leaves))
        {
            leaves = [];
            CollectLeaves(s, leaves);
            leavesUnder[s] = leaves;
        }
        foreach (var l in leaves)
            if (leaf(l)) return true;
        return false;
    }

    private static void CollectLeaves(Stmt s, List<Stmt> into)
    {
        switch (s)
        {
            case WhenStmt w:
                foreach (var b in w.Branches)
                    foreach (var x in b.Body) CollectLeaves(x, into);
                foreach (var x in w.Otherwise ?? []) CollectLeaves(x, into);
                break;
            case SwitchStmt sw:
                foreach (var k in sw.Cases)
                    foreach (var x in k.Body) CollectLeaves(x, into);
                foreach (var x in sw.Default ?? []) CollectLeaves(x, into);
                break;
            default:
                into.Add(s);
                break;
        }
    }

    private void PrintBlock(StringBuilder sb, List<Stmt> block, int depth, Func<Stmt, bool> leaf, string op)
    {
        var pad = new string(' ', depth * 4);
        foreach (var stmt in block)
        {
            if (!Relevant(stmt, leaf)) continue;
            switch (stmt)
            {
                case AssignStmt a:
                    var target = printer.NameOf(a.Target);
                    printer.SetContext(target, a.Location);
                    var line = $"{target} {op} {printer.Print(a.Value)};";
                    if (a.Target.Enable is { } en) line = $"if ({printer.Print(en)}) {line}";
                    sourceLines.Mark(sb, a.Location, op == "<=" ? SourceMapStatement.Register : SourceMapStatement.Combinational, target);
                    sb.AppendLine($"{pad}{line}  // {a.Location}");
                    break;
                case MemWriteStmt w:
                    printer.SetContext(w.Memory.Name!, w.Location);
                    sourceLines.Mark(sb, w.Location, SourceMapStatement.MemoryWrite, w.Memory.Name);
                    sb.AppendLine($"{pad}{w.Memory.Name}[{printer.Print(w.Address)}] <= {printer.Print(w.Data)};  // {w.Location}");
                    break;
                case WhenStmt w:
                    PrintWhen(sb, w, depth, leaf, op);
                    break;
                case SwitchStmt sw:
                    PrintSwitch(sb, sw, depth, leaf, op);
                    break;
            }
        }
    }

    private void PrintWhen(StringBuilder sb, WhenStmt w, int depth, Func<Stmt, bool> leaf, string op)
    {
        var pad = new string(' ', depth * 4);
        var arms = w.Branches.Select(b => (Cond: (Expr?)b.Condition, b.Body, b.Location)).ToList();
        if (w.Otherwise is not null) arms.Add((null, w.Otherwise, w.Location));
        var last = arms.FindLastIndex(a => a.Body.Any(x => Relevant(x, leaf)));
        for (var i = 0; i <= last; i++)
        {
            var (cond, body, loc) = arms[i];
            string head;
            if (cond is null) head = "else begin";
            else
            {
                printer.SetContext("cond", loc);
                head = $"{(i == 0 ? "" : "else ")}if ({printer.Print(cond)}) begin";
            }
            if (cond is not null) sourceLines.Mark(sb, loc, SourceMapStatement.Condition, null);
            sb.AppendLine(i == 0 ? $"{pad}{head}  // {loc}" : $"{pad}end {head}");
            PrintBlock(sb, body, depth + 1, leaf, op);
        }
        sb.AppendLine($"{pad}end");
    }

    private void PrintSwitch(StringBuilder sb, SwitchStmt sw, int depth, Func<Stmt, bool> leaf, string op)
    {
        var pad = new string(' ', depth * 4);
        printer.SetContext("sel", sw.Location);
        sourceLines.Mark(sb, sw.Location, SourceMapStatement.Case, null);
        sb.AppendLine($"{pad}case ({printer.Print(sw.Selector)})  // {sw.Location}");
        var defaultRelevant = sw.Default?.Any(x => Relevant(x, leaf)) ?? false;
        var width = sw.Selector.Width;
        var skipped = false;
        foreach (var (values, body, _) in sw.Cases)
        {
            var relevant = body.Any(x => Relevant(x, leaf));
            if (!relevant && !defaultRelevant)
            {
                skipped = true;
                continue;
            }
            var labels = string.Join(", ", values.Select(v => sw.Labels?.GetValueOrDefault(v) is { } named
                ? printer.Print(named)
                : ExprPrinter.Constant(HdlKind.Unsigned, width, v)));
            if (!relevant)
            {
                sb.AppendLine($"{pad}    {labels}: begin end");
                continue;
            }
            sb.AppendLine($"{pad}    {labels}: begin");
            PrintBlock(sb, body, depth + 2, leaf, op);
            sb.AppendLine($"{pad}    end");
        }
        if (!DriverCheck.CoversAll(sw) || sw.Default is not null || skipped)
        {
            if (defaultRelevant)
            {
                sb.AppendLine($"{pad}    default: begin");
                PrintBlock(sb, sw.Default!, depth + 2, leaf, op);
                sb.AppendLine($"{pad}    end");
            }
            else sb.AppendLine($"{pad}    default: begin end");
        }
        sb.AppendLine($"{pad}endcase");
    }

    // ---- instances ------------------------------------------------------------------------

    private void EmitInstance(StringBuilder sb, Component ch)
    {
        var childInfo = all[ch];
        var pins = new List<(string Port, string Net)>();
        if (childInfo.ClockPort is not null) pins.Add((Clocking.ClockName, printer.NameOf(info.Clock!)));
        if (childInfo.ResetPort is not null) pins.Add((Clocking.ResetName, printer.NameOf(info.Reset!)));
        if (childInfo.ClockPort is not null) printer.MarkRead(info.Clock!, 0, 0);
        if (childInfo.ResetPort is not null) printer.MarkRead(info.Reset!, 0, 0);
        if (ch is BlackBox clocked)
            foreach (var pin in clocked.ClockPins)
            {
                pins.Add((pin, printer.NameOf(info.Clock!)));
                printer.MarkRead(info.Clock!, 0, 0);
            }
        foreach (var p in ch.Ports)
        {
            if (p.Role == SignalRole.InOut)
            {
                var a = c.Attachments.Single(a => ReferenceEquals(a.ChildPin, p));
                pins.Add((p.Name!, a.Width == a.Pad.Width ? a.Pad.Name! : a.Width == 1 ? $"{a.Pad.Name}[{a.Lo}]" : $"{a.Pad.Name}[{a.Lo + a.Width - 1}:{a.Lo}]"));
                continue;
            }
            pins.Add((p.Name!, printer.NameOf(p)));
            if (p.Role == SignalRole.Input) printer.MarkRead(p, p.Width - 1, 0);
        }
        var parameters = ch is BlackBox bb ? bb.VerilogParameters : [];
        var text = Templates.Instance(new Dictionary<string, object>
        {
            ["moduleName"] = ch.ModuleName,
            ["instanceName"] = ch.InstanceName!,
            ["location"] = ch.InstanceLocation.ToString(),
            ["hasParameters"] = parameters.Count > 0,
            ["parameters"] = parameters.Select((p, i) => new Dictionary<string, object>
            {
                ["name"] = p.Name,
                ["value"] = p.Value,
                ["separator"] = i == parameters.Count - 1 ? "" : ",",
            }).ToList(),
            ["pins"] = pins.Select((p, i) => new Dictionary<string, object>
            {
                ["port"] = p.Port,
                ["net"] = p.Net,
                ["separator"] = i == pins.Count - 1 ? "" : ",",
            }).ToList(),
        });
        // The instance's line is the one that names it (after the parameters of a black box).
        var named = text.IndexOf($" {ch.InstanceName} (", StringComparison.Ordinal);
        // A vendor primitive has pins a design leaves unconnected on purpose (a DSP's cascade
        // outputs, a PLL's unused clocks): that is not a mistake worth a lint warning.
        var blackBox = ch is BlackBox;
        if (blackBox) sb.AppendLine("    /* verilator lint_off PINMISSING */");
        sourceLines.Mark(sb, ch.InstanceLocation, SourceMapStatement.Instance, ch.InstanceName, Math.Max(0, named));
        sb.Append(text);
        if (blackBox) sb.AppendLine("    /* verilator lint_on PINMISSING */");
    }

    // ---- state machines -------------------------------------------------------------------

    /// <summary>
    /// Each state machine's state as ASCII text, for waveform viewers (GTKWave: Data Format, ASCII):
    /// simulation only, outside synthesis. Names are padded to one length so every assignment has
    /// the signal's width.
    /// </summary>
    private void EmitStateNames(StringBuilder sb)
    {
        foreach (var m in c.StateMachines)
        {
            var state = printer.NameOf(m.Register);
            var signal = $"{state}_name";
            for (var n = 2; names.Contains(signal); n++) signal = $"{state}_name_{n}";
            names.Add(signal);
            var chars = m.Labels.Max(l => l.Length);
            sb.AppendLine();
            sb.AppendLine("`ifndef SYNTHESIS");
            sb.AppendLine($"    // {state} as text for waveform viewers (GTKWave: Data Format > ASCII); simulation only.");
            sb.AppendLine("    /* verilator lint_off UNUSEDSIGNAL */");
            sb.AppendLine($"    reg [{8 * chars - 1}:0] {signal};");
            sb.AppendLine("    always @(*) begin");
            sb.AppendLine($"        case ({state})");
            for (var i = 0; i < m.States.Count; i++)
                sb.AppendLine($"            {m.States[i].Name}: {signal} = \"{m.Labels[i].PadRight(chars)}\";");
            if (BigInteger.One << m.Register.Width != m.States.Count)
                sb.AppendLine($"            default: {signal} = \"{"?".PadRight(chars)}\";");
            sb.AppendLine("        endcase");
            sb.AppendLine("    end");
            sb.AppendLine("    /* verilator lint_on UNUSEDSIGNAL */");
            sb.AppendLine("`endif");
        }
    }

    // ---- unused bits ----------------------------------------------------------------------

    private void EmitUnusedSink(StringBuilder sb)
    {
        var parts = new List<string>();
        var candidates = c.Signals.Where(s => s.Role is not (SignalRole.Output or SignalRole.InOut))
            .Concat(info.Ports.Where(p => p.Role == SignalRole.Input && !c.Signals.Contains(p)))
            .Concat(c.Children.SelectMany(ch => ch.Ports.Where(p => p.Role == SignalRole.Output)));
        foreach (var s in candidates)
        {
            var read = printer.BitsRead.GetValueOrDefault(s);
            var name = printer.NameOf(s);
            if (read is null)
            {
                parts.Add(name);
                continue;
            }
            for (var i = 0; i < s.Width;)
            {
                if (read[i]) { i++; continue; }
                var j = i;
                while (j + 1 < s.Width && !read[j + 1]) j++;
                parts.Add(j == i ? $"{name}[{i}]" : $"{name}[{j}:{i}]");
                i = j + 1;
            }
        }
        foreach (var t in printer.Temps)
        {
            var read = printer.TempBitsRead.GetValueOrDefault(t.Name) ?? new bool[t.Value.Width];
            for (var i = 0; i < read.Length;)
            {
                if (read[i]) { i++; continue; }
                var j = i;
                while (j + 1 < read.Length && !read[j + 1]) j++;
                parts.Add(read.Length == 1 ? t.Name : j == i ? $"{t.Name}[{i}]" : $"{t.Name}[{j}:{i}]");
                i = j + 1;
            }
        }
        if (parts.Count == 0) return;
        var sinkName = "unused_ok";
        for (var n = 2; names.Contains(sinkName); n++) sinkName = $"unused_ok_{n}";
        sb.AppendLine();
        sb.AppendLine("    // Bits nothing reads, gathered so that lint (verilator -Wall) accepts them as deliberate.");
        sb.AppendLine($"    wire {sinkName} = &{{1'b0, {string.Join(", ", parts)}, 1'b0}};");
    }
}
