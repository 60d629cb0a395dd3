using System.Numerics;
using System.Runtime.CompilerServices;

namespace Zfpe.Hdl;

/// <summary>
/// Declares registers. A register keeps its value unless assigned; <c>reset</c> is its value
/// after the synchronous reset (null: no reset, cheaper where the value does not matter);
/// <c>enable</c>, when given, gates every update.
/// </summary>
public readonly struct RegFactory
{
    private readonly Component owner;

    internal RegFactory(Component owner) => this.owner = owner;

    public Bool Bool(bool? reset = false, Bool? enable = null, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        new(Make(HdlKind.Bool, 1, reset is null ? null : reset.Value ? 1 : 0, enable, name, SourceLocation.Of(file, line)));

    public UInt UInt(int width, ulong? reset = 0, Bool? enable = null, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        new(Make(HdlKind.Unsigned, width, reset, enable, name, SourceLocation.Of(file, line)));

    public SInt SInt(int width, long? reset = 0, Bool? enable = null, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        new(Make(HdlKind.Signed, width, reset, enable, name, SourceLocation.Of(file, line)));

    /// <summary>
    /// A register of the same type as <paramref name="value"/> (a value or a whole bundle) that takes
    /// it on every (enabled) cycle. A bundle register's reset can only be 0 (every field) or null.
    /// </summary>
    public T Next<T>(T value, long? reset = 0, Bool? enable = null, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where T : class, IHdlData
    {
        ArgumentNullException.ThrowIfNull(value);
        var loc = SourceLocation.Of(file, line);
        if (value is HdlValue v)
        {
            var r = (HdlValue)Hw.Wrap(Make(v.Kind, v.Width, reset, enable, name, loc));
            r.Assign(v, file, line);
            return (T)(IHdlData)r;
        }
        var bundle = (Bundle)(IHdlData)value;
        var next = Of(Shape.Of(value), reset switch
        {
            null => false,
            0 => true,
            _ => throw new HdlException(loc, $"a register of a whole {value.GetType().Name} resets every field to 0 (reset: 0) or has no reset (reset: null), not {reset}"),
        }, enable, name, file, line);
        ((Bundle)(IHdlData)next).Assign(bundle, file, line);
        return next;
    }

    /// <summary>
    /// A register of <paramref name="shape"/> (a bundle: one register per field). Without
    /// <paramref name="resetToZero"/> it has no reset, as datapath registers should.
    /// </summary>
    public T Of<T>(Shape<T> shape, bool resetToZero = false, Bool? enable = null, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where T : class, IHdlData
    {
        var loc = SourceLocation.Of(file, line);
        if (enable is not null && enable.Kind != HdlKind.Bool) throw new HdlException(loc, "a register enable must be a Bool");
        return SignalFactory.Declare(owner, SignalRole.Register, shape, resetToZero ? 0 : null, enable, name, loc);
    }

    private Ir.SignalExpr Make(HdlKind kind, int width, BigInteger? reset, Bool? enable, string? name, SourceLocation loc)
    {
        if (enable is not null && enable.Kind != HdlKind.Bool) throw new HdlException(loc, "a register enable must be a Bool");
        var s = owner.Declare(SignalRole.Register, kind, width, name, loc);
        if (reset is { } r)
        {
            var (min, max) = Ops.Range(kind == HdlKind.Bool ? HdlKind.Unsigned : kind, width);
            if (r < min || r > max) throw new HdlException(loc, $"reset value {r} does not fit in a {Ops.KindName(kind, width)} (range {min}..{max})");
            s.ResetValue = r < 0 ? r + (BigInteger.One << width) : r;
        }
        s.Enable = enable?.Node;
        return new Ir.SignalExpr(s);
    }
}
