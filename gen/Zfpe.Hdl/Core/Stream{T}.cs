using System.Runtime.CompilerServices;
using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>
/// A valid/ready stream of <typeparamref name="T"/> payloads (a <see cref="UInt"/> of bits, or a
/// <see cref="Bundle"/>): a beat moves when <see cref="Valid"/> and <see cref="Ready"/> are both
/// high at a rising clock edge (<see cref="Fire"/>). The producer must hold valid, payload and last
/// until the beat moves; the consumer may raise ready at any time. <see cref="Last"/>, when the
/// stream has it, marks the final beat of a fragment (a packet, a burst, a block run).
/// In Verilog the members are named <c>name_valid</c>, <c>name_ready</c>, <c>name_last</c>, and
/// <c>name_payload</c> for a bits payload or <c>name_field</c> for each field of a bundle payload.
/// </summary>
public sealed class Stream<T> : IStream where T : class, IHdlData
{
    internal Stream(Component owner, Bool valid, Bool ready, T payload, Bool? last, Shape<T> shape, SourceLocation declared, string? explicitName)
    {
        Owner = owner;
        Valid = valid;
        Ready = ready;
        Payload = payload;
        Last = last;
        PayloadShape = shape;
        Declared = declared;
        ExplicitName = explicitName;
    }

    public Component Owner { get; }
    public Bool Valid { get; }
    public Bool Ready { get; }
    public T Payload { get; }
    public Bool? Last { get; }
    public Shape<T> PayloadShape { get; }
    public SourceLocation Declared { get; }
    public string? ExplicitName { get; }
    string? IStream.FallbackName => fallbackName;
    private string? fallbackName;

    /// <summary>The payload's width in bits.</summary>
    public int Width => PayloadShape.Width;

    /// <summary>A beat moves this cycle.</summary>
    public Bool Fire => Valid & Ready;

    void IStream.NameMembers(string prefix, bool fallback)
    {
        void Name(HdlValue? v, string suffix) => Bundle.NameSignal(v, $"{prefix}_{suffix}", Owner, fallback);
        Name(Valid, "valid");
        Name(Ready, "ready");
        Name(Last, "last");
        if (Payload is Bundle b) b.NameFields(prefix, Owner, fallback);
        else Name((HdlValue)(IHdlData)Payload, "payload");
    }

    /// <summary>Declares a stream in <paramref name="owner"/>: valid, payload and last have <paramref name="forward"/>'s role, ready the opposite one.</summary>
    internal static Stream<T> Declare(Component owner, SignalRole forward, Shape<T> shape, bool withLast, string? name, SourceLocation loc)
    {
        var backward = forward switch
        {
            SignalRole.Input => SignalRole.Output,
            SignalRole.Output => SignalRole.Input,
            _ => forward,
        };
        Bool Flag(SignalRole role, string suffix) => new(new SignalExpr(owner.Declare(role, HdlKind.Bool, 1, name is null ? null : $"{name}_{suffix}", loc)));
        var valid = Flag(forward, "valid");
        var ready = Flag(backward, "ready");
        var payload = SignalFactory.Declare(owner, forward, shape, reset: null, enable: null,
            name is null ? null : typeof(HdlValue).IsAssignableFrom(typeof(T)) ? $"{name}_payload" : name, loc);
        var last = withLast ? Flag(forward, "last") : null;
        var stream = new Stream<T>(owner, valid, ready, payload, last, shape, loc, name);
        owner.Streams.Add(stream);
        return stream;
    }

    /// <summary>Connects <paramref name="source"/> to this stream: valid, payload and last forward, ready backward.</summary>
    public void ConnectFrom(Stream<T> source, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(source);
        var loc = SourceLocation.Of(file, line);
        if (source.Width != Width)
            throw new HdlException(loc, $"stream width mismatch: connecting a {source.Width}-bit stream to a {Width}-bit stream");
        if (Last is not null && source.Last is null)
            throw new HdlException(loc, "the sink stream has a 'last' signal but the source stream has none");
        Valid.Assign(source.Valid, file, line);
        AssignPayload(Payload, source.Payload, file, line);
        Last?.Assign(source.Last!, file, line);
        source.Ready.Assign(Ready, file, line);
    }

    internal static void AssignPayload(T target, T value, string file, int line)
    {
        if (target is Bundle b) b.Assign((Bundle)(IHdlData)value, file, line);
        else ((HdlValue)(IHdlData)target).Assign((HdlValue)(IHdlData)value, file, line);
    }

    /// <summary>
    /// A pipeline register stage in the component under construction: valid, payload and last
    /// are registered (one cycle of latency, full throughput); ready passes combinationally.
    /// </summary>
    public Stream<T> Stage(string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var c = Context(file, line);
        var loc = SourceLocation.Of(file, line);
        var prefix = name ?? $"stage_L{line}";
        var output = Declare(c, SignalRole.Wire, PayloadShape, Last is not null, null, loc);
        output.fallbackName = prefix;
        var valid = NewReg(c, Shape.Bool, resetToZero: true, $"{prefix}_valid_q", loc);
        var payload = NewReg(c, PayloadShape, resetToZero: false, $"{prefix}_payload_q", loc);
        var last = Last is null ? null : NewReg(c, Shape.Bool, resetToZero: false, $"{prefix}_last_q", loc);
        var accept = !valid | output.Ready;
        Ready.Assign(accept, file, line);
        var cond = new WhenStmt(loc);
        c.Record(cond);
        var body = new List<Stmt>();
        cond.Branches.Add((accept.Node, body, loc));
        c.RunScoped(body, () =>
        {
            valid.Assign(Valid, file, line);
            AssignPayload(payload, Payload, file, line);
            last?.Assign(Last!, file, line);
        });
        output.Valid.Assign(valid, file, line);
        AssignPayload(output.Payload, payload, file, line);
        output.Last?.Assign(last!, file, line);
        return output;
    }

    /// <summary>
    /// A skid buffer (full register slice) in the component under construction: valid, payload
    /// and ready are all registered, so no combinational path crosses it in either direction;
    /// one cycle of latency, full throughput, two entries of storage.
    /// </summary>
    public Stream<T> SkidStage(string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var c = Context(file, line);
        var loc = SourceLocation.Of(file, line);
        var prefix = name ?? $"skid_L{line}";
        var output = Declare(c, SignalRole.Wire, PayloadShape, Last is not null, null, loc);
        output.fallbackName = prefix;
        var dataWidth = Width + (Last is null ? 0 : 1);
        var mainValid = NewReg(c, Shape.Bool, resetToZero: true, $"{prefix}_main_valid", loc);
        var mainData = NewReg(c, Shape.UInt(dataWidth), resetToZero: false, $"{prefix}_main_data", loc);
        var skidValid = NewReg(c, Shape.Bool, resetToZero: true, $"{prefix}_skid_valid", loc);
        var skidData = NewReg(c, Shape.UInt(dataWidth), resetToZero: false, $"{prefix}_skid_data", loc);
        var incoming = Last is null ? Payload.AsBits() : Hw.Cat(Last, Payload.AsBits());
        Ready.Assign(!skidValid, file, line);
        var mainFree = output.Ready | !mainValid;
        var when = new WhenStmt(loc);
        c.Record(when);
        List<Stmt> refill = [], stalled = [];
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
            var inner = new WhenStmt(loc);
            c.Record(inner);
            var capture = new List<Stmt>();
            inner.Branches.Add(((Valid & !skidValid).Node, capture, loc));
            c.RunScoped(capture, () =>
            {
                skidValid.Assign(true, file, line);
                skidData.Assign(incoming, file, line);
            });
        });
        output.Valid.Assign(mainValid, file, line);
        AssignPayload(output.Payload, PayloadShape.FromBits(mainData[Width - 1, 0], file, line), file, line);
        output.Last?.Assign(mainData[Width], file, line);
        return output;
    }

    private static Component Context(string file, int line) =>
        Construction.Current ?? throw new HdlException(SourceLocation.Of(file, line), "stream stages can only be built inside a component constructor");

    private static TD NewReg<TD>(Component c, Shape<TD> shape, bool resetToZero, string name, SourceLocation loc) where TD : class, IHdlData
    {
        var r = SignalFactory.Declare(c, SignalRole.Register, shape, resetToZero ? 0 : null, enable: null, name: null, loc);
        // A fallback name: the C# member that holds it, if any, still wins at elaboration.
        if (r is HdlValue v) v.Signal!.FallbackName = name;
        else ((Bundle)(IHdlData)r).FallbackName = name;
        return r;
    }

    public override string ToString() => $"stream of {PayloadShape.Name}{(Last is null ? "" : " with last")}";
}
