using System.Runtime.CompilerServices;

namespace Zfpe.Hdl;

/// <summary>
/// A valid/ready stream: a beat moves when <see cref="Valid"/> and <see cref="Ready"/> are both
/// high at a rising clock edge (<see cref="Fire"/>). The producer must hold valid and payload
/// until the beat moves; the consumer may raise ready at any time. In Verilog the members are
/// named <c>name_valid</c>, <c>name_ready</c>, <c>name_payload</c>, <c>name_last</c>.
/// </summary>
public sealed class Stream
{
    internal Stream(Component owner, Signal valid, Signal ready, Signal payload, Signal? last, SourceLocation declared)
    {
        Owner = owner;
        Valid = new Bool(new Ir.SignalExpr(valid));
        Ready = new Bool(new Ir.SignalExpr(ready));
        Payload = new UInt(new Ir.SignalExpr(payload));
        Last = last is null ? null : new Bool(new Ir.SignalExpr(last));
        Declared = declared;
    }

    public Component Owner { get; }
    public Bool Valid { get; }
    public Bool Ready { get; }
    public UInt Payload { get; }
    public Bool? Last { get; }
    public SourceLocation Declared { get; }
    public int Width => Payload.Width;

    /// <summary>A beat moves this cycle.</summary>
    public Bool Fire => Valid & Ready;

    internal IEnumerable<Signal> Members()
    {
        yield return Valid.Signal!;
        yield return Ready.Signal!;
        yield return Payload.Signal!;
        if (Last is not null) yield return Last.Signal!;
    }

    /// <summary>Connects <paramref name="source"/> to this stream: valid, payload and last forward, ready backward.</summary>
    public void ConnectFrom(Stream source, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var loc = SourceLocation.Of(file, line);
        if (source.Width != Width)
            throw new HdlException(loc, $"stream width mismatch: connecting a {source.Width}-bit stream to a {Width}-bit stream");
        if (Last is not null && source.Last is null)
            throw new HdlException(loc, "the sink stream has a 'last' signal but the source stream has none");
        Valid.Assign(source.Valid, file, line);
        Payload.Assign(source.Payload, file, line);
        Last?.Assign(source.Last!, file, line);
        source.Ready.Assign(Ready, file, line);
    }

    /// <summary>
    /// A pipeline register stage in the component under construction: valid, payload and last
    /// are registered (one cycle of latency, full throughput); ready passes combinationally.
    /// </summary>
    public Stream Stage(string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var c = Context(file, line);
        var loc = SourceLocation.Of(file, line);
        var prefix = name ?? $"stage_L{line}";
        var output = NewWireStream(c, prefix, loc);
        var valid = NewReg<Bool>(c, HdlKind.Bool, 1, reset: true, $"{prefix}_valid_q", loc);
        var payload = NewReg<UInt>(c, HdlKind.Unsigned, Width, reset: false, $"{prefix}_payload_q", loc);
        var last = Last is null ? null : NewReg<Bool>(c, HdlKind.Bool, 1, reset: false, $"{prefix}_last_q", loc);
        var accept = !valid | output.Ready;
        Ready.Assign(accept, file, line);
        var cond = new Ir.WhenStmt(loc);
        c.Record(cond);
        var body = new List<Ir.Stmt>();
        cond.Branches.Add((accept.Node, body, loc));
        c.RunScoped(body, () =>
        {
            valid.Assign(Valid, file, line);
            payload.Assign(Payload, file, line);
            last?.Assign(Last!, file, line);
        });
        output.Valid.Assign(valid, file, line);
        output.Payload.Assign(payload, file, line);
        output.Last?.Assign(last!, file, line);
        return output;
    }

    /// <summary>
    /// A skid buffer (full register slice) in the component under construction: valid, payload
    /// and ready are all registered, so no combinational path crosses it in either direction;
    /// one cycle of latency, full throughput, two entries of storage.
    /// </summary>
    public Stream SkidStage(string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var c = Context(file, line);
        var loc = SourceLocation.Of(file, line);
        var prefix = name ?? $"skid_L{line}";
        var output = NewWireStream(c, prefix, loc);
        var mainValid = NewReg<Bool>(c, HdlKind.Bool, 1, reset: true, $"{prefix}_main_valid", loc);
        var mainData = NewReg<UInt>(c, HdlKind.Unsigned, Width + (Last is null ? 0 : 1), reset: false, $"{prefix}_main_data", loc);
        var skidValid = NewReg<Bool>(c, HdlKind.Bool, 1, reset: true, $"{prefix}_skid_valid", loc);
        var skidData = NewReg<UInt>(c, HdlKind.Unsigned, mainData.Width, reset: false, $"{prefix}_skid_data", loc);
        var incoming = Last is null ? Payload : Hw.Cat(Last, Payload);
        Ready.Assign(!skidValid, file, line);
        var mainFree = output.Ready | !mainValid;
        var when = new Ir.WhenStmt(loc);
        c.Record(when);
        List<Ir.Stmt> refill = [], stalled = [];
        when.Branches.Add((mainFree.Node, refill, loc));
        when.Otherwise = stalled;
        c.RunScoped(refill, () =>
        {
            mainValid.Assign(skidValid | Valid, file, line);
            mainData.Assign(Hw.Mux(skidValid, skidData, incoming), file, line);
            skidValid.Assign(false, file, line);
        });
        c.RunScoped(stalled, () =>
        {
            var inner = new Ir.WhenStmt(loc);
            c.Record(inner);
            var capture = new List<Ir.Stmt>();
            inner.Branches.Add(((Valid & !skidValid).Node, capture, loc));
            c.RunScoped(capture, () =>
            {
                skidValid.Assign(true, file, line);
                skidData.Assign(incoming, file, line);
            });
        });
        output.Valid.Assign(mainValid, file, line);
        output.Payload.Assign(mainData[Width - 1, 0], file, line);
        output.Last?.Assign(mainData[Width], file, line);
        return output;
    }

    private static Component Context(string file, int line) =>
        Construction.Current ?? throw new HdlException(SourceLocation.Of(file, line), "stream stages can only be built inside a component constructor");

    private Stream NewWireStream(Component c, string prefix, SourceLocation loc)
    {
        Signal Make(HdlKind k, int w, string suffix)
        {
            var s = c.Declare(SignalRole.Wire, k, w, null, loc, suffix);
            s.FallbackName = $"{prefix}_{suffix}";
            return s;
        }
        var s = new Stream(c, Make(HdlKind.Bool, 1, "valid"), Make(HdlKind.Bool, 1, "ready"), Make(HdlKind.Unsigned, Width, "payload"),
            Last is null ? null : Make(HdlKind.Bool, 1, "last"), loc);
        c.Streams.Add(s);
        return s;
    }

    private static T NewReg<T>(Component c, HdlKind kind, int width, bool reset, string name, SourceLocation loc) where T : HdlValue
    {
        var s = c.Declare(SignalRole.Register, kind, width, null, loc);
        s.FallbackName = name;
        if (reset) s.ResetValue = 0;
        return Hw.Wrap<T>(new Ir.SignalExpr(s));
    }
}
