namespace Zfpe.Hdl;

/// <summary>
/// What a <see cref="Bundle"/>'s constructor declares its fields with: <c>Address = f.UInt(24)</c>,
/// <c>Write = f.Bool()</c>, <c>Header = f.Of(PacketHeader.Shape)</c> for a nested bundle. The same
/// constructor serves for ports, wires, registers and expressions: the shape decides what each
/// field becomes. Fields are laid out in the order they are declared, the first one in the least
/// significant bits of <see cref="IHdlData.AsBits"/>.
/// </summary>
public sealed class Fields
{
    private readonly LeafSource source;
    private Bundle? bundle;

    internal Fields(LeafSource source) => this.source = source;

    internal void Attach(Bundle b)
    {
        if (bundle is not null)
            throw HdlValue.Error($"these Fields already build a {bundle.GetType().Name}; a bundle's constructor passes its Fields to base(...) once");
        bundle = b;
    }

    private T Add<T>(T value) where T : IHdlData
    {
        (bundle ?? throw HdlValue.Error("declare fields after the bundle's base(fields) constructor has run")).AddLeaves(value);
        return value;
    }

    public UInt UInt(int width) => Add((UInt)source.Leaf(HdlKind.Unsigned, width));

    public SInt SInt(int width) => Add((SInt)source.Leaf(HdlKind.Signed, width));

    public Bool Bool() => Add((Bool)source.Leaf(HdlKind.Bool, 1));

    /// <summary>A field of any shape: a nested bundle, or a value shape such as <c>Shape.UInt(8)</c>.</summary>
    public T Of<T>(Shape<T> shape) where T : class, IHdlData
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Add(shape.Build(source));
    }

    /// <summary><paramref name="count"/> fields of one shape, in order (element i at a lower bit position than i + 1).</summary>
    public IReadOnlyList<T> Array<T>(Shape<T> shape, int count) where T : class, IHdlData
    {
        if (count < 1) throw HdlValue.Error($"an array field needs at least one element, not {count}");
        return Enumerable.Range(0, count).Select(_ => Of(shape)).ToList();
    }
}
