using System.Globalization;
using System.Numerics;
using System.Text;
using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl.Emit;

/// <summary>
/// Prints IR expressions as Verilog-2005 for one module. IR operands already have equal widths,
/// so Verilog's context-determined sizing never widens or narrows anything; the printer only
/// has to introduce a named temporary where Verilog cannot slice an expression.
/// </summary>
internal sealed class ExprPrinter(Component module, IReadOnlyDictionary<Signal, string> childNets, Func<string, bool> nameTaken)
{
    /// <summary>Hoisted expressions, in the order they must be declared; <c>Owner</c> is the name of what they feed (the context).</summary>
    public List<(string Name, Expr Value, string Text, SourceLocation Location, string Owner)> Temps { get; } = [];
    private readonly Dictionary<Expr, string> tempOf = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Signal, bool[]> bitsRead = [];
    private readonly HashSet<string> reserved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> tempWidth = new(StringComparer.Ordinal);
    private readonly HashSet<Expr> printingShared = new(ReferenceEqualityComparer.Instance);
    private string context = "expr";
    private SourceLocation location = SourceLocation.Unknown;

    public IReadOnlyDictionary<Signal, bool[]> BitsRead => bitsRead;

    /// <summary>The named constants printed so far, by name: the module declares them as localparams.</summary>
    public SortedDictionary<string, NamedConstExpr> NamedConstants { get; } = new(StringComparer.Ordinal);

    /// <summary>Names temporaries after what they feed, e.g. <c>sum_part0</c>.</summary>
    public void SetContext(string name, SourceLocation loc)
    {
        context = name;
        location = loc;
    }

    public string NameOf(Signal s) => ReferenceEquals(s.Owner, module) ? s.Name! : childNets[s];

    public void MarkRead(Signal s, int hi, int lo)
    {
        if (!bitsRead.TryGetValue(s, out var bits)) bitsRead[s] = bits = new bool[s.Width];
        for (var i = lo; i <= hi; i++) bits[i] = true;
    }

    /// <summary>Expression nodes used more than once: printed once, into a named temporary.</summary>
    public HashSet<Expr> Shared { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Bits of each temporary that something reads.</summary>
    public Dictionary<string, bool[]> TempBitsRead { get; } = new(StringComparer.Ordinal);

    public string Print(Expr e) => Print(e, top: true);

    private string Print(Expr e, bool top)
    {
        if (Shared.Contains(e) && !tempOf.ContainsKey(e) && !printingShared.Contains(e))
        {
            var t = Temp(e);
            MarkTemp(t, e.Width - 1, 0);
            return t;
        }
        if (tempOf.TryGetValue(e, out var existing) && Shared.Contains(e) && !printingShared.Contains(e))
        {
            MarkTemp(existing, e.Width - 1, 0);
            return existing;
        }
        switch (e)
        {
            case SignalExpr s:
                MarkRead(s.Signal, s.Width - 1, 0);
                return NameOf(s.Signal);
            case NamedConstExpr n:
                NamedConstants.TryAdd(n.Name, n);
                return n.Name;
            case ConstExpr k:
                return Constant(k.Kind, k.Width, k.Bits);
            case UnaryExpr u:
                var operand = Print(u.Operand, false);
                return u.Op switch
                {
                    UnaryOp.Not => (u.Kind == HdlKind.Bool ? "!" : "~") + operand,
                    UnaryOp.Negate => Wrap("-" + operand, top),
                    UnaryOp.ReduceAnd => "&" + operand,
                    UnaryOp.ReduceOr => "|" + operand,
                    _ => "^" + operand,
                };
            case BinaryExpr b:
                var op = b.Op switch
                {
                    BinaryOp.ShiftRight when b.Kind == HdlKind.Signed => ">>>",
                    _ => Ops.Symbol(b.Op),
                };
                return Wrap($"{Print(b.Left, false)} {op} {Print(b.Right, false)}", top);
            case ShiftConstExpr sh:
                var sop = sh.Left ? "<<" : sh.Kind == HdlKind.Signed ? ">>>" : ">>";
                return Wrap($"{Print(sh.Operand, false)} {sop} {sh.Amount}", top);
            case MuxExpr m:
                return Wrap($"{Print(m.Select, false)} ? {Print(m.WhenTrue, false)} : {Print(m.WhenFalse, false)}", top);
            case SliceExpr sl:
                return Slice(sl.Operand, sl.Hi, sl.Lo);
            case ConcatExpr cat:
                return "{" + string.Join(", ", Replicated(cat.Parts.Select(p => Print(p, true)).ToList())) + "}";
            case ExtendExpr x:
                var extra = x.Width - x.Operand.Width;
                string fill;
                if (x.SignExtend)
                {
                    var sign = Slice(x.Operand, x.Operand.Width - 1, x.Operand.Width - 1);
                    fill = extra == 1 ? sign : $"{{{extra}{{{sign}}}}}";
                }
                else fill = $"{extra}'d0";
                var body = $"{{{fill}, {Print(x.Operand, true)}}}";
                return x.Kind == HdlKind.Signed ? $"$signed({body})" : body;
            case CastExpr cst:
                var inner = Print(cst.Operand, true);
                var fromSigned = cst.Operand.Kind == HdlKind.Signed;
                var toSigned = cst.Kind == HdlKind.Signed;
                return fromSigned == toSigned ? Print(cst.Operand, top) : toSigned ? $"$signed({inner})" : $"$unsigned({inner})";
            case MemReadExpr mr:
                return $"{mr.Memory.Name}[{Print(mr.Address, true)}]";
            default:
                throw new InvalidOperationException($"internal: unknown expression {e.GetType().Name}");
        }
    }

    /// <summary>Bits [hi:lo] of an expression: a part-select of a signal, or of a temporary holding the expression.</summary>
    private string Slice(Expr operand, int hi, int lo)
    {
        while (operand is CastExpr c) operand = c.Operand; // a part-select has no sign anyway
        if (operand is SignalExpr s)
        {
            MarkRead(s.Signal, hi, lo);
            var name = NameOf(s.Signal);
            if (s.Width == 1) return name;
            return hi == lo ? $"{name}[{hi}]" : $"{name}[{hi}:{lo}]";
        }
        if (operand is ConstExpr k)
            return Constant(HdlKind.Unsigned, hi - lo + 1, (k.Bits >> lo) & ((BigInteger.One << (hi - lo + 1)) - 1));
        var temp = Temp(operand);
        MarkTemp(temp, hi, lo);
        return operand.Width == 1 ? temp : hi == lo ? $"{temp}[{hi}]" : $"{temp}[{hi}:{lo}]";
    }

    private string Temp(Expr e)
    {
        if (tempOf.TryGetValue(e, out var existing)) return existing;
        string name;
        for (var n = 0; ; n++)
        {
            name = $"{context}_part{n}";
            if (!nameTaken(name) && reserved.Add(name)) break;
        }
        tempOf[e] = name;
        tempWidth[name] = e.Width;
        var loc = location;
        var owner = context;
        printingShared.Add(e);
        var text = Print(e, true); // may add the temporaries this one needs, before it
        printingShared.Remove(e);
        Temps.Add((name, e, text, loc, owner));
        return name;
    }

    private void MarkTemp(string name, int hi, int lo)
    {
        var width = tempWidth[name];
        if (!TempBitsRead.TryGetValue(name, out var bits)) TempBitsRead[name] = bits = new bool[width];
        for (var i = lo; i <= hi; i++) bits[i] = true;
    }

    /// <summary>Counts how often each composite node is referenced; marks those used more than once as shared.</summary>
    public void CountUses(Expr e, Dictionary<Expr, int> uses)
    {
        if (e is SignalExpr or ConstExpr) return;
        var n = uses.GetValueOrDefault(e) + 1;
        uses[e] = n;
        if (n == 2 && !IsCheap(e)) Shared.Add(e);
        if (n > 1) return; // its operands were counted the first time
        foreach (var o in e.Operands) CountUses(o, uses);
    }

    private static bool IsCheap(Expr e) => e switch
    {
        SliceExpr { Operand: SignalExpr } => true,
        CastExpr { Operand: SignalExpr } => true,
        UnaryExpr { Op: UnaryOp.Not, Operand: SignalExpr } => true,
        _ => false,
    };

    private static string Wrap(string s, bool top) => top ? s : $"({s})";

    /// <summary>Runs of one repeated part of a concatenation printed as a replication: <c>{32{x[31]}}</c>.</summary>
    private static IEnumerable<string> Replicated(List<string> parts)
    {
        for (var i = 0; i < parts.Count;)
        {
            var j = i;
            while (j + 1 < parts.Count && parts[j + 1] == parts[i]) j++;
            var run = j - i + 1;
            yield return run > 1 ? $"{{{run}{{{parts[i]}}}}}" : parts[i];
            i = j + 1;
        }
    }

    /// <summary>Values below this print in decimal (counts, indices, small codes); larger ones are bit patterns, in hex.</summary>
    private const int DecimalLimit = 4096;

    public static string Constant(HdlKind kind, int width, BigInteger bits)
    {
        if (kind == HdlKind.Bool) return bits.IsZero ? "1'b0" : "1'b1";
        if (kind == HdlKind.Signed)
        {
            var negative = !(bits >> (width - 1)).IsZero;
            if (!negative) return bits < DecimalLimit ? $"{width}'sd{Decimal(bits)}" : $"{width}'sh{Hex(bits, width)}";
            var magnitude = (BigInteger.One << width) - bits;
            return magnitude < DecimalLimit && magnitude != BigInteger.One << (width - 1)
                ? $"-{width}'sd{Decimal(magnitude)}"
                : $"{width}'sh{Hex(bits, width)}";
        }
        return bits < DecimalLimit ? $"{width}'d{Decimal(bits)}" : $"{width}'h{Hex(bits, width)}";
    }

    private static string Decimal(BigInteger v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Hex(BigInteger bits, int width)
    {
        var sb = new StringBuilder();
        for (var i = (width + 3) / 4 - 1; i >= 0; i--)
            sb.Append("0123456789ABCDEF"[(int)((bits >> (4 * i)) & 15)]);
        return sb.ToString();
    }
}
