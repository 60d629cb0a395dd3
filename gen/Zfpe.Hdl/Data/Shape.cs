namespace Zfpe.Hdl;

/// <summary>Makes <see cref="Shape{T}"/>s: of single values, and of bundles from their constructors.</summary>
public static class Shape
{
    public static Shape<UInt> UInt(int width) => width < 1
        ? throw HdlValue.Error($"a UInt needs a width of at least 1 bit, not {width}")
        : Shape<UInt>.ForValue(HdlKind.Unsigned, width, $"UInt({width})");

    public static Shape<SInt> SInt(int width) => width < 1
        ? throw HdlValue.Error($"an SInt needs a width of at least 1 bit, not {width}")
        : Shape<SInt>.ForValue(HdlKind.Signed, width, $"SInt({width})");

    public static Shape<Bool> Bool { get; } = Shape<Bool>.ForValue(HdlKind.Bool, 1, "Bool");

    /// <summary>
    /// The shape of a bundle type, given how to construct it: <c>Shape.Of(f =&gt; new Request(f, addressBits))</c>.
    /// The factory runs whenever a port, wire, register or expression of the shape is made, and must
    /// declare the same fields every time.
    /// </summary>
    public static Shape<T> Of<T>(Func<Fields, T> factory) where T : Bundle
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Shape<T>.ForBundle(factory);
    }

    /// <summary>The shape of existing data (a value's kind and width, or the bundle's own shape).</summary>
    public static Shape<T> Of<T>(T data) where T : class, IHdlData => data switch
    {
        Bundle b => (Shape<T>)b.ShapeObject,
        HdlValue v => (Shape<T>)(object)(v.Kind switch
        {
            HdlKind.Bool => (object)Bool,
            HdlKind.Unsigned => UInt(v.Width),
            _ => SInt(v.Width),
        }),
        _ => throw HdlValue.Error($"{data.GetType().Name} is not hardware data the DSL knows"),
    };
}
