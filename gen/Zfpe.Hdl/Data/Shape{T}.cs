using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>
/// The type of a piece of hardware data: what its fields are and how wide, so that ports, wires,
/// registers and streams of it can be declared (<c>In.Of(shape)</c>, <c>Reg.Of(shape)</c>,
/// <c>In.Stream(shape)</c>), and data rebuilt from bits (<see cref="FromBits"/>). Made with
/// <see cref="Shape.UInt"/>, <see cref="Shape.SInt"/>, <see cref="Shape.Bool"/> or, for a bundle,
/// <see cref="Shape.Of{T}"/>.
/// </summary>
public sealed class Shape<T> where T : class, IHdlData
{
    private readonly Func<Fields, T>? bundleFactory;
    private readonly (HdlKind Kind, int Width)? single;

    private Shape(Func<Fields, T>? bundleFactory, (HdlKind, int)? single, string name)
    {
        this.bundleFactory = bundleFactory;
        this.single = single;
        Name = name;
        var probe = new LeafSource.Probe();
        Build(probe);
        Leaves = probe.Leaves;
        if (Leaves.Count == 0) throw HdlValue.Error($"{name} has no fields: declare at least one with f.UInt(...), f.Bool() or f.Of(...)");
        Width = Leaves.Sum(l => l.Width);
    }

    internal static Shape<T> ForBundle(Func<Fields, T> factory) => new(factory, null, typeof(T).Name);

    internal static Shape<T> ForValue(HdlKind kind, int width, string name) => new(null, (kind, width), name);

    /// <summary>For messages: <c>UInt(32)</c> or the bundle's type name.</summary>
    public string Name { get; }

    /// <summary>The number of bits.</summary>
    public int Width { get; }

    /// <summary>The kinds and widths of the fields, in declaration order (least significant first in bits).</summary>
    internal IReadOnlyList<(HdlKind Kind, int Width)> Leaves { get; }

    internal T Build(LeafSource source)
    {
        if (single is { } s) return (T)(IHdlData)source.Leaf(s.Kind, s.Width);
        var fields = new Fields(source);
        var value = bundleFactory!(fields);
        if (value is not Bundle b)
            throw HdlValue.Error($"the factory of shape {Name} must build a Bundle");
        if (!b.BuiltBy(fields))
            throw HdlValue.Error($"the factory of shape {Name} must pass the Fields it is given to the bundle's constructor");
        b.ShapeObject = this;
        return value;
    }

    /// <summary>Data of this shape made of the given expressions (one per field, in order).</summary>
    internal T FromLeaves(IReadOnlyList<Expr> leaves, SourceLocation location)
    {
        var source = new LeafSource.Given(leaves, Name, location);
        var value = Build(source);
        source.RequireAllUsed();
        return value;
    }

    /// <summary>Data of this shape read from <paramref name="bits"/> (first field in the least significant bits); the widths must match.</summary>
    public T FromBits(UInt bits, [System.Runtime.CompilerServices.CallerFilePath] string file = "", [System.Runtime.CompilerServices.CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(bits);
        var loc = SourceLocation.Of(file, line);
        if (bits.Width != Width)
            throw new HdlException(loc, $"width mismatch: {Name} is {Width} bits, the word is {bits.Width} (Resize or slice it first)");
        var leaves = new List<Expr>();
        var lo = 0;
        foreach (var (kind, width) in Leaves)
        {
            Expr slice = Ops.Slice(bits.Node, lo + width - 1, lo);
            if (kind == HdlKind.Signed) slice = new CastExpr(slice, HdlKind.Signed);
            else if (kind == HdlKind.Bool && slice.Kind != HdlKind.Bool) slice = new CastExpr(slice, HdlKind.Bool);
            else if (kind == HdlKind.Unsigned && slice.Kind == HdlKind.Bool) slice = new CastExpr(slice, HdlKind.Unsigned);
            leaves.Add(slice);
            lo += width;
        }
        return FromLeaves(leaves, loc);
    }

    public override string ToString() => $"{Name} ({Width} bits)";
}
