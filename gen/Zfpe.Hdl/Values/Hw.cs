using System.Numerics;
using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>Constants and operators that are not methods of one value: mux, concatenation.</summary>
public static class Hw
{
    public static Bool True => new(new ConstExpr(HdlKind.Bool, 1, 1));
    public static Bool False => new(new ConstExpr(HdlKind.Bool, 1, 0));
    public static Bool Bool(bool value) => value ? True : False;

    /// <summary>An unsigned constant of <paramref name="width"/> bits; it must fit.</summary>
    public static UInt U(BigInteger value, int width) => new(Ops.Const(HdlKind.Unsigned, width, value));

    /// <summary>A signed constant of <paramref name="width"/> bits; it must fit.</summary>
    public static SInt S(BigInteger value, int width) => new(Ops.Const(HdlKind.Signed, width, value));

    /// <summary>
    /// <paramref name="select"/> ? <paramref name="whenTrue"/> : <paramref name="whenFalse"/>; both of the
    /// same kind and width, or bundles of the same type (multiplexed field by field).
    /// </summary>
    public static T Mux<T>(Bool select, T whenTrue, T whenFalse) where T : class, IHdlData
    {
        if (whenTrue is HdlValue t && whenFalse is HdlValue f)
            return (T)(IHdlData)Wrap(Ops.Mux(select.Node, t.Node, f.Node));
        var a = (Bundle)(IHdlData)whenTrue;
        var b = (Bundle)(IHdlData)whenFalse;
        var loc = SourceLocation.FromCallStack();
        Bundle.RequireSameShape(a, b, "multiplexing", loc);
        var leaves = a.Leaves.Zip(b.Leaves).Select(p => Ops.Mux(select.Node, p.First.Node, p.Second.Node)).ToList();
        return Shape.Of(whenTrue).FromLeaves(leaves, loc);
    }

    /// <summary>Concatenation, most significant part first (Verilog order), as a UInt.</summary>
    public static UInt Cat(params HdlValue[] msbFirst)
    {
        if (msbFirst.Length == 0) throw HdlValue.Error("Cat() needs at least one part");
        return msbFirst.Length == 1 && msbFirst[0] is UInt u ? u : new(new ConcatExpr(msbFirst.Select(p => p.Node).ToArray()));
    }

    /// <summary><paramref name="bit"/> repeated <paramref name="count"/> times.</summary>
    public static UInt Repeat(Bool bit, int count) =>
        count < 1 ? throw HdlValue.Error($"Repeat needs a count of at least 1, not {count}") : Cat(Enumerable.Repeat<HdlValue>(bit, count).ToArray());

    /// <summary>Selects element <paramref name="index"/> of <paramref name="items"/> (a mux tree; items beyond the list read as the last one).</summary>
    public static T Select<T>(UInt index, IReadOnlyList<T> items) where T : class, IHdlData
    {
        if (items.Count == 0) throw HdlValue.Error("Select needs at least one item");
        var level = items.ToList();
        for (var bit = 0; level.Count > 1; bit++)
        {
            if (bit >= index.Width) return level[0];
            var next = new List<T>();
            for (var i = 0; i < level.Count; i += 2)
                next.Add(i + 1 < level.Count ? Mux(index[bit], level[i + 1], level[i]) : level[i]);
            level = next;
        }
        return level[0];
    }

    internal static T Wrap<T>(Expr e) where T : HdlValue => (T)Wrap(e);

    internal static HdlValue Wrap(Expr e) => e.Kind switch
    {
        HdlKind.Bool => new Bool(e),
        HdlKind.Unsigned => new UInt(e),
        _ => new SInt(e),
    };
}
