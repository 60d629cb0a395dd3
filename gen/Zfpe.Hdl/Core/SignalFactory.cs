using System.Runtime.CompilerServices;

namespace Zfpe.Hdl;

/// <summary>Declares ports or wires of one role in a component (see <c>In</c>, <c>Out</c>, <c>Wire</c>).</summary>
public readonly struct SignalFactory
{
    private readonly Component owner;
    private readonly SignalRole role;

    internal SignalFactory(Component owner, SignalRole role)
    {
        this.owner = owner;
        this.role = role;
    }

    public Bool Bool(string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        new(new Ir.SignalExpr(owner.Declare(role, HdlKind.Bool, 1, name, SourceLocation.Of(file, line))));

    public UInt UInt(int width, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        new(new Ir.SignalExpr(owner.Declare(role, HdlKind.Unsigned, width, name, SourceLocation.Of(file, line))));

    public SInt SInt(int width, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        new(new Ir.SignalExpr(owner.Declare(role, HdlKind.Signed, width, name, SourceLocation.Of(file, line))));

    /// <summary>
    /// Data of <paramref name="shape"/>: a value, or a bundle whose fields become one signal each,
    /// named <c>name_field</c> (name: the C# member that holds it, or <paramref name="name"/>).
    /// </summary>
    public T Of<T>(Shape<T> shape, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) where T : class, IHdlData =>
        Declare(owner, role, shape, reset: null, enable: null, name, SourceLocation.Of(file, line));

    internal static T Declare<T>(Component owner, SignalRole role, Shape<T> shape, System.Numerics.BigInteger? reset, Bool? enable, string? name, SourceLocation loc)
        where T : class, IHdlData
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Leaves.Count == 1 && typeof(HdlValue).IsAssignableFrom(typeof(T)))
        {
            var (kind, width) = shape.Leaves[0];
            var s = owner.Declare(role, kind, width, name, loc);
            s.ResetValue = reset;
            s.Enable = enable?.Node;
            return (T)(IHdlData)Hw.Wrap(new Ir.SignalExpr(s));
        }
        var value = shape.Build(new LeafSource.Declaring(owner, role, reset, enable, loc));
        var b = (Bundle)(IHdlData)value;
        b.Owner = owner;
        b.ExplicitName = name;
        b.Declared = loc;
        owner.Bundles.Add(b);
        return value;
    }

    /// <summary>
    /// A stream of <paramref name="width"/>-bit payloads (valid, ready, payload, and last when
    /// <paramref name="withLast"/>). For <c>In</c> the component consumes it (ready is an output);
    /// for <c>Out</c> it produces it; for <c>Wire</c> every member is a wire.
    /// </summary>
    public Stream<UInt> Stream(int width, bool withLast = false, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Zfpe.Hdl.Stream<UInt>.Declare(owner, role, Shape.UInt(width), withLast, name, SourceLocation.Of(file, line));

    /// <summary>A stream of <paramref name="payload"/>-shaped beats (a bundle: one signal per field, named <c>name_field</c>).</summary>
    public Stream<T> Stream<T>(Shape<T> payload, bool withLast = false, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where T : class, IHdlData =>
        Zfpe.Hdl.Stream<T>.Declare(owner, role, payload, withLast, name, SourceLocation.Of(file, line));
}
