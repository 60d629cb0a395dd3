using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Zfpe.Hdl.Elaboration;

/// <summary>
/// Gives every signal, stream, memory and child instance of a component its Verilog name:
/// an explicit name if one was given, else the C# field or property that holds it in snake_case
/// (element i of an array or list field <c>InputItems</c> becomes <c>input_items_i</c>), else a helper's fallback, else
/// its role and source line (<c>wire_L42</c>). Then checks the names: valid Verilog identifiers,
/// no Verilog keyword, no duplicate.
/// </summary>
internal static partial class Naming
{
    public static void NameAll(ModuleInfo info)
    {
        var c = info.Component;
        for (var t = c.GetType(); t is not null && t != typeof(Component) && t != typeof(BlackBox); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).OrderBy(f => f.MetadataToken))
                Visit(c, field.GetValue(c), CleanMemberName(field.Name), 0);
        }

        // Streams and bundles no member holds (locals): named as declared, or after their line.
        foreach (var st in c.Streams)
        {
            if (st.ExplicitName is { } n) st.NameMembers(n, fallback: false);
            else st.NameMembers(st.FallbackName ?? $"stream_L{st.Declared.Line}", fallback: true);
        }
        foreach (var b in c.Bundles)
        {
            if (b.ExplicitName is { } n) b.NameFields(n, c);
            else b.NameFields(b.FallbackName ?? $"{RoleWord(b.Leaves[0].Signal!.Role)}_L{b.Declared.Line}", c, fallback: true);
        }

        foreach (var m in c.Memories)
        {
            m.Name ??= $"mem_L{m.Declared.Line}";
            for (var i = 0; i < m.SyncReads.Count; i++)
                m.SyncReads[i].Data.FallbackName = $"{m.Name}_rdata{(m.SyncReads.Count > 1 ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}";
        }

        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        void Claim(string name, string what, SourceLocation loc, bool mayRename, Action<string> rename)
        {
            if (!IdentifierRegex().IsMatch(name))
                throw new HdlException(loc, $"'{name}' is not a valid Verilog identifier (letters, digits and _, not starting with a digit)");
            if (VerilogKeywords.Contains(name))
                throw new HdlException(loc, $"'{name}' is a reserved Verilog keyword; rename the {what}");
            if (!taken.TryGetValue(name, out var other))
            {
                taken[name] = $"{what} at {loc}";
                return;
            }
            if (!mayRename)
                throw new HdlException(loc, $"duplicate name '{name}': the {what} here and the {other} have the same name");
            for (var n = 2; ; n++)
            {
                var candidate = $"{name}_{n}";
                if (taken.ContainsKey(candidate)) continue;
                taken[candidate] = $"{what} at {loc}";
                rename(candidate);
                return;
            }
        }

        if (info.ClockPort is not null) taken[Clocking.ClockName] = "implicit clock port";
        if (info.ResetPort is not null) taken[Clocking.ResetName] = "implicit reset port";

        foreach (var s in c.Signals)
        {
            var mayRename = s.Name is null;
            s.Name ??= s.FallbackName ?? $"{RoleWord(s.Role)}_L{s.Declared.Line}";
            if (!s.ExplicitName) s.Name = Fit(s.Name);
            Claim(s.Name, RoleWord(s.Role), s.Declared, mayRename, n => s.Name = n);
        }
        foreach (var m in c.Memories)
        {
            if (!m.ExplicitName) m.Name = Fit(m.Name!);
            Claim(m.Name!, "memory", m.Declared, !m.ExplicitName, n => m.Name = n);
        }
        foreach (var ch in c.Children)
        {
            var mayRename = ch.InstanceName is null;
            ch.InstanceName ??= $"{ch.ModuleBaseName.ToLowerInvariant()}_L{ch.InstanceLocation.Line}";
            if (!ch.ExplicitInstanceName) ch.InstanceName = Fit(ch.InstanceName);
            Claim(ch.InstanceName, "instance", ch.InstanceLocation, mayRename, n => ch.InstanceName = n);
        }
        // The nets that carry a child's ports in this module are named instance_port.
        foreach (var ch in c.Children)
            foreach (var p in ch.Ports.Where(p => p.Role != SignalRole.InOut))   // an inout pin is wired to its pad directly
            {
                info.ChildNets[p] = $"{ch.InstanceName}_{p.Name}";
                Claim(info.ChildNets[p], $"net of port '{p.Name}' of instance '{ch.InstanceName}'", ch.InstanceLocation, true, n => info.ChildNets[p] = n);
            }
    }

    private static void Visit(Component c, object? value, string name, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case HdlValue v when v.Signal is { } s && ReferenceEquals(s.Owner, c) && s.Name is null:
                s.Name = name;
                return;
            case IStream st when ReferenceEquals(st.Owner, c):
                st.NameMembers(st.ExplicitName ?? name, fallback: false);
                return;
            case IStateMachine m when ReferenceEquals(m.Owner, c) && m.State.Signal is { Name: null } register:
                register.Name = name;
                return;
            case Bundle b when ReferenceEquals(b.Owner, c):
                b.NameFields(b.ExplicitName ?? name, c);
                return;
            case Memory m when ReferenceEquals(m.Owner, c):
                m.Name ??= name;
                return;
            case Component ch when ReferenceEquals(ch.Parent, c):
                ch.InstanceName ??= name;
                return;
            case string:
                return;
            case IList list when depth < 3:
                for (var i = 0; i < list.Count; i++)
                {
                    var item = list[i];
                    if (item is HdlValue or IStream or Bundle or Memory or Component or IList)
                        Visit(c, item, $"{name}_{i}", depth + 1);
                    else if (item is not null) return; // a list of plain data
                }
                return;
        }
    }

    /// <summary>The Verilog name of a C# member: its name in snake_case (<c>FixedPoint</c> → <c>fixed_point</c>).</summary>
    internal static string CleanMemberName(string fieldName)
    {
        // Auto-property backing fields are called <Name>k__BackingField.
        if (fieldName.StartsWith('<'))
        {
            var end = fieldName.IndexOf('>');
            if (end > 1) fieldName = fieldName[1..end];
        }
        return Component.SnakeCase(fieldName.TrimStart('_'));
    }

    /// <summary>
    /// A derived name made fit for Verilog: a member called Small or Output is fine in C#, so its
    /// Verilog name steps around the keyword (<c>small_</c>); double underscores, which Verilator
    /// mangles, become one.
    /// </summary>
    private static string Fit(string name)
    {
        while (name.Contains("__", StringComparison.Ordinal)) name = name.Replace("__", "_", StringComparison.Ordinal);
        return VerilogKeywords.Contains(name) ? name + "_" : name;
    }

    public static string RoleWord(SignalRole role) => role switch
    {
        SignalRole.Input => "input",
        SignalRole.Output => "output",
        SignalRole.InOut => "inout",
        SignalRole.Wire => "wire",
        SignalRole.Register => "reg",
        _ => "rdata",
    };

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierRegex();

    /// <summary>Verilog-2005 and SystemVerilog keywords (Verilator parses both), plus names our emitter uses.</summary>
    public static readonly HashSet<string> VerilogKeywords = new(StringComparer.Ordinal)
    {
        "always", "and", "assign", "automatic", "begin", "buf", "bufif0", "bufif1", "case", "casex", "casez", "cell", "cmos",
        "config", "deassign", "default", "defparam", "design", "disable", "edge", "else", "end", "endcase", "endconfig",
        "endfunction", "endgenerate", "endmodule", "endprimitive", "endspecify", "endtable", "endtask", "event", "for",
        "force", "forever", "fork", "function", "generate", "genvar", "highz0", "highz1", "if", "ifnone", "incdir", "include",
        "initial", "inout", "input", "instance", "integer", "join", "large", "liblist", "library", "localparam", "macromodule",
        "medium", "module", "nand", "negedge", "nmos", "nor", "noshowcancelled", "not", "notif0", "notif1", "or", "output",
        "parameter", "pmos", "posedge", "primitive", "pull0", "pull1", "pulldown", "pullup", "pulsestyle_onevent",
        "pulsestyle_ondetect", "rcmos", "real", "realtime", "reg", "release", "repeat", "rnmos", "rpmos", "rtran", "rtranif0",
        "rtranif1", "scalared", "showcancelled", "signed", "small", "specify", "specparam", "strong0", "strong1", "supply0",
        "supply1", "table", "task", "time", "tran", "tranif0", "tranif1", "tri", "tri0", "tri1", "triand", "trior", "trireg",
        "unsigned", "use", "uwire", "vectored", "wait", "wand", "weak0", "weak1", "while", "wire", "wor", "xnor", "xor",
        "bit", "byte", "logic", "int", "shortint", "longint", "return", "break", "continue", "class", "struct", "union",
        "enum", "typedef", "interface", "package", "import", "export", "program", "property", "sequence", "assert", "assume",
        "cover", "unique", "priority", "final", "var", "void", "const", "static", "string", "this", "super", "new", "null",
        "virtual", "extends", "type", "do", "foreach", "inside", "dist", "randomize", "with", "local", "protected", "ref",
        "modport", "clocking", "chandle", "context", "pure", "alias", "bind", "bins", "binsof", "constraint", "covergroup",
        "coverpoint", "cross", "expect", "first_match", "ignore_bins", "illegal_bins", "intersect", "join_any", "join_none",
        "matches", "rand", "randc", "randcase", "randsequence", "shortreal", "solve", "tagged", "throughout", "wait_order",
        "wildcard", "within", "always_comb", "always_ff", "always_latch", "timeprecision", "timeunit", "endclass",
        "endinterface", "endpackage", "endprogram", "endproperty", "endsequence", "endclocking", "endgroup",
        "packed", "soft", "let", "checker", "endchecker", "global", "implements", "interconnect", "nettype", "restrict",
        "until", "until_with", "implies", "accept_on", "reject_on", "sync_accept_on", "sync_reject_on", "eventually",
        "nexttime", "s_always", "s_eventually", "s_nexttime", "s_until", "s_until_with", "strong", "weak", "unique0",
        "untyped", "extern", "forkjoin", "before", "endprimitive", "std",
    };
}
