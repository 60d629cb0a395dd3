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
    /// A stream of <paramref name="width"/>-bit payloads (valid, ready, payload, and last when
    /// <paramref name="withLast"/>). For <c>In</c> the component consumes it (ready is an output);
    /// for <c>Out</c> it produces it; for <c>Wire</c> every member is a wire.
    /// </summary>
    public Stream Stream(int width, bool withLast = false, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var loc = SourceLocation.Of(file, line);
        var c = owner;
        var forward = role;
        var backward = role switch
        {
            SignalRole.Input => SignalRole.Output,
            SignalRole.Output => SignalRole.Input,
            _ => role,
        };
        Signal Make(SignalRole r, HdlKind k, int w, string suffix) => c.Declare(r, k, w, name is null ? null : $"{name}_{suffix}", loc, suffix);
        var valid = Make(forward, HdlKind.Bool, 1, "valid");
        var ready = Make(backward, HdlKind.Bool, 1, "ready");
        var payload = Make(forward, HdlKind.Unsigned, width, "payload");
        var last = withLast ? Make(forward, HdlKind.Bool, 1, "last") : null;
        var s = new Stream(c, valid, ready, payload, last, loc);
        c.Streams.Add(s);
        return s;
    }
}
