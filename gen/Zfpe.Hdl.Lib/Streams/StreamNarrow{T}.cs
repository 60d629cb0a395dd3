using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>
/// One wide beat (<see cref="WideBeat{T}"/>) to N narrow beats, <c>Items[0]</c> first. With last,
/// only the first <c>Count</c> items go out (a <c>Count</c> of 0 or above N counts as N) and the
/// final one carries the wide beat's last, so <see cref="StreamWiden{T}"/> followed by this gives
/// back the original stream, fragments included. No storage: the wide beat stays on the input until
/// its final item has been taken. Combinational, no latency, one narrow beat per cycle.
/// </summary>
public sealed class StreamNarrow<T> : Component where T : class, IHdlData
{
    public readonly Stream<WideBeat<T>> Input;
    public readonly Stream<T> Output;

    public StreamNarrow(Shape<T> payload, int ratio, bool withLast = false)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (ratio is < 2 or > 64) throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "width ratio must be 2..64");
        Input = In.Stream(WideBeat<T>.Shape(payload, ratio, withLast), withLast);
        Output = Out.Stream(payload, withLast);
        Param("payload", StreamPayloads.Describe(Output.Payload), StreamPayloads.DefaultName);
        Param("ratio", ratio, 4);
        Param("last", withLast, false);

        var indexBits = StreamPayloads.BitsFor(ratio);
        var index = Reg.UInt(indexBits, reset: 0, name: "index");
        var final = Wire.Bool("final_item");
        if (withLast)
        {
            var count = Input.Payload.Count!;
            var whole = (1 << count.Width) - 1 > ratio ? (count == 0) | (count > ratio) : count == 0;
            final.Assign(Hw.Mux(whole, index == ratio - 1, index.ZeroExtend(count.Width) == count - 1));
        }
        else final.Assign(index == ratio - 1);

        Output.Valid.Assign(Input.Valid);
        StreamPayloads.Assign(Output.Payload, Hw.Select(index, Input.Payload.Items));
        Output.Last?.Assign(Input.Last! & final);
        Input.Ready.Assign(Output.Ready & final);
        When(Output.Fire, () => index.Assign(Hw.Mux(final, Hw.U(0, indexBits), index + 1)));
    }
}
