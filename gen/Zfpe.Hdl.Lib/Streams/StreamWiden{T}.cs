using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>
/// N narrow beats to one wide beat (<see cref="WideBeat{T}"/>): items are collected in registers,
/// the first in <c>Items[0]</c>, and the wide beat is offered when N have arrived. With last, a
/// narrow beat with last closes the wide beat early: it goes out with <c>Count</c> = items
/// collected (unused items 0) and last = 1, so fragments never share a wide beat; a fragment of
/// exactly k·N beats ends in a full wide beat with last. Latency 1 cycle after the N-th (or last)
/// narrow beat; one narrow beat per cycle sustained (the input is taken while the full wide beat
/// leaves). Ready is registered-state only: <c>!full | Output.Ready</c>.
/// </summary>
public sealed class StreamWiden<T> : Component where T : class, IHdlData
{
    public readonly Stream<T> Input;
    public readonly Stream<WideBeat<T>> Output;

    public StreamWiden(Shape<T> payload, int ratio, bool withLast = false)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (ratio is < 2 or > 64) throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "width ratio must be 2..64");
        Input = In.Stream(payload, withLast);
        Output = Out.Stream(WideBeat<T>.Shape(payload, ratio, withLast), withLast);
        Param("payload", StreamPayloads.Describe(Input.Payload), StreamPayloads.DefaultName);
        Param("ratio", ratio, 4);
        Param("last", withLast, false);

        var width = payload.Width;
        var indexBits = StreamPayloads.BitsFor(ratio);
        var items = Enumerable.Range(0, ratio).Select(i => Reg.UInt(width, reset: null, name: $"item_{i}")).ToList();
        var index = Reg.UInt(indexBits, reset: 0, name: "index");
        var full = Reg.Bool(reset: false, name: "full");
        var countBits = WideBeat<T>.CountBits(ratio);
        var count = withLast ? Reg.UInt(countBits, reset: null, name: "count") : null;
        var last = withLast ? Reg.Bool(reset: null, name: "last") : null;

        Input.Ready.Assign(!full | Output.Ready);
        var closes = (index == ratio - 1) | (Input.Last ?? Hw.False);
        When(Input.Fire, () =>
        {
            for (var i = 0; i < ratio; i++)
            {
                var item = items[i];
                var n = i;
                // With last, the first item of a wide beat clears the others, so a partial beat's unused
                // items are 0. Without, every beat is full: each item is written before the beat leaves.
                var write = When(index == n, () => item.Assign(Input.Payload.AsBits()));
                if (n > 0 && withLast) write.ElseWhen(index == 0, () => item.Assign(Hw.U(0, width)));
            }
            When(closes, () =>
            {
                full.Assign(true);
                index.Assign(0);
                count?.Assign(index.ZeroExtend(countBits) + 1);
                last?.Assign(Input.Last!);
            }).Otherwise(() =>
            {
                full.Assign(false);
                index.Assign(index + 1);
            });
        }).ElseWhen(Output.Ready, () => full.Assign(false));

        Output.Valid.Assign(full);
        for (var i = 0; i < ratio; i++)
            StreamPayloads.Assign(Output.Payload.Items[i], payload.FromBits(items[i]));
        if (withLast)
        {
            Output.Payload.Count!.Assign(count!);
            Output.Last!.Assign(last!);
        }
    }
}
