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

    /// <summary>A register of the same type as <paramref name="value"/> that takes it on every (enabled) cycle.</summary>
    public T Next<T>(T value, long? reset = 0, Bool? enable = null, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) where T : HdlValue
    {
        var loc = SourceLocation.Of(file, line);
        var r = Hw.Wrap<T>(Make(value.Kind, value.Width, reset, enable, name, loc));
        r.Assign(value, file, line);
        return r;
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
