using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>
/// One stream to N by a destination index: each input beat goes to output <c>index</c> only (the
/// others stay not valid), and is taken when that output is ready. The index is the
/// <see cref="Select"/> input port, or, with <see cref="ByTag"/>, a field of the payload (the tag),
/// so that each beat carries its own route. An index beyond the last output drops nothing: the
/// beat waits (input not ready). Combinational, no latency.
/// </summary>
public sealed class StreamDemux<T> : Component where T : class, IHdlData
{
    /// <summary>The destination when routing by a select signal; null when routing by tag.</summary>
    public readonly UInt? Select;
    public readonly Stream<T> Input;
    public readonly IReadOnlyList<Stream<T>> Outputs;

    /// <summary>A demux routed by the <see cref="Select"/> input port.</summary>
    public StreamDemux(Shape<T> payload, int outputs, bool withLast = false)
        : this(payload, outputs, withLast, null)
    {
    }

    private StreamDemux(Shape<T> payload, int outputs, bool withLast, Func<T, UInt>? tag)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (outputs is < 2 or > 64) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "demux outputs must be 2..64");
        var indexBits = StreamPayloads.BitsFor(outputs);
        Select = tag is null ? In.UInt(indexBits) : null;
        Input = In.Stream(payload, withLast);
        Outputs = Enumerable.Range(0, outputs).Select(_ => Out.Stream(payload, withLast)).ToList();
        Param("payload", StreamPayloads.Describe(Input.Payload), StreamPayloads.DefaultName);
        Param("outputs", outputs, 2);
        Param("last", withLast, false);
        Param("by_tag", tag is not null, false);

        var index = Wire.UInt(indexBits, "index");
        if (tag is null) index.Assign(Select!);
        else
        {
            var t = tag(Input.Payload);
            if (t.Width != indexBits)
                throw new ArgumentException($"the tag is {t.Width} bits; {outputs} outputs need a {indexBits}-bit tag (slice or resize it in the tag function)", nameof(tag));
            index.Assign(t);
        }
        for (var i = 0; i < outputs; i++)
        {
            var o = Outputs[i];
            o.Valid.Assign(Input.Valid & (index == i));
            StreamPayloads.Assign(o.Payload, Input.Payload);
            o.Last?.Assign(Input.Last!);
        }
        Input.Ready.Assign(Hw.Select(index, Outputs.Select(o => o.Ready).ToList()) & ((outputs & (outputs - 1)) == 0 ? Hw.True : index < outputs));
    }

    /// <summary>A demux routed by a field of the payload: <c>StreamDemux&lt;Request&gt;.ByTag(shape, 4, r =&gt; r.Port)</c> (the field must be exactly log2(outputs) bits, rounded up).</summary>
    public static StreamDemux<T> ByTag(Shape<T> payload, int outputs, Func<T, UInt> tag, bool withLast = false)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return new StreamDemux<T>(payload, outputs, withLast, tag);
    }
}
