using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>What <see cref="StreamRepack"/> does with the bits left after a fragment's last input beat.</summary>
public enum RepackTail
{
    /// <summary>Bits short of a whole output beat go out as a final beat, zero-padded above them (packing: blocks to memory words).</summary>
    Pad,

    /// <summary>Bits short of a whole output beat are dropped (unpacking: memory words back to blocks; the tail is padding).</summary>
    Drop,
}

/// <summary>
/// A bit gearbox between streams of any widths: the input beats' bits, least significant first,
/// are concatenated (the first beat lowest) and cut into output beats of <c>outBits</c>, the
/// first output beat from the lowest bits. So a ZFPe bit stream (docs/zfpe-format.md §1: bit 0 of
/// the stream is bit 0 of its first word) goes between 16-bit memory words and blocks of any width
/// both ways. Fragments (<c>last</c>) never share an output beat: the input beat with last closes
/// one, and what is left short of a whole output beat is padded or dropped (<see cref="RepackTail"/>);
/// the fragment's final output beat carries last. With <see cref="RepackTail.Drop"/> a fragment
/// whose last input beat completes no output beat ends without a beat carrying last (its bits were
/// all padding): feed whole fragments.
/// <para>
/// Storage: a register of <c>inBits + outBits</c> bits and a count of the bits it holds. The input is
/// taken when at most <c>outBits</c> bits are held (a compare on registers: no ready path through
/// the gearbox), an output beat leaves whenever a whole one is held, both in one cycle, so the
/// slower side runs at a beat per cycle. Latency 1 cycle.
/// </para>
/// </summary>
public sealed class StreamRepack : Component
{
    public readonly Stream<UInt> Input;
    public readonly Stream<UInt> Output;

    public StreamRepack(int inBits, int outBits, RepackTail tail)
    {
        if (inBits is < 1 or > MaxBits) throw new ArgumentOutOfRangeException(nameof(inBits), inBits, $"input width {inBits} is out of range: allowed 1..{MaxBits}");
        if (outBits is < 1 or > MaxBits) throw new ArgumentOutOfRangeException(nameof(outBits), outBits, $"output width {outBits} is out of range: allowed 1..{MaxBits}");
        if (!Enum.IsDefined(tail)) throw new ArgumentOutOfRangeException(nameof(tail), tail, "tail must be Pad or Drop");
        Input = In.Stream(inBits, withLast: true, name: "input");
        Output = Out.Stream(outBits, withLast: true, name: "output");
        Param("in", inBits, 16);
        Param("out", outBits, 16);
        Param("tail", tail, RepackTail.Pad);

        var width = inBits + outBits;
        var countBits = StreamPayloads.BitsFor(width + 1);
        var held = Reg.UInt(width, reset: 0, name: "held");              // bits above `count` are always 0
        var count = Reg.UInt(countBits, reset: 0, name: "count");
        var closing = Reg.Bool(reset: false, name: "closing");           // the fragment's last input beat is in

        var whole = count >= outBits;
        var tailBeat = tail == RepackTail.Pad ? closing & !whole & (count != 0) : Hw.False;
        Output.Valid.Assign(whole | tailBeat);
        Output.Payload.Assign(held.Truncate(outBits));
        // The fragment's final beat: nothing whole is left after it.
        var finalBeat = Wire.Bool("final_beat");
        finalBeat.Assign(closing & (tail == RepackTail.Pad ? count <= outBits : count.ZeroExtend(countBits + 1) < 2 * outBits));
        Output.Last!.Assign(finalBeat);
        Input.Ready.Assign(!closing & (count <= outBits));

        // The input is taken with at most outBits bits held and a beat leaves with at least outBits held,
        // so when both happen in one cycle exactly outBits were held: the new beat lands at bit 0. The
        // shift amount is therefore the count register, never a function of the output's ready.
        var appended = Wire.UInt(width, "appended");
        appended.Assign(held | (Input.Payload.ZeroExtend(width) << count));
        When(Input.Fire & Output.Fire, () =>
        {
            held.Assign(Input.Payload.ZeroExtend(width));
            count.Assign(Hw.U((ulong)inBits, countBits));
            closing.Assign(Input.Last!);
        }).ElseWhen(Input.Fire, () =>
        {
            held.Assign(appended);
            count.Assign(count + inBits);
            closing.Assign(Input.Last!);
        }).ElseWhen(Output.Fire & finalBeat, () =>
        {
            held.Assign(Hw.U(0, width));
            count.Assign(Hw.U(0, countBits));
            closing.Assign(Hw.False);
        }).ElseWhen(Output.Fire, () =>
        {
            held.Assign(held >> outBits);
            count.Assign(count - outBits);
        }).ElseWhen(closing & (tail == RepackTail.Drop ? !whole : count == 0), () =>
        {
            // Nothing whole is held after the fragment's last beat: Drop discards the padding bits, Pad
            // gets here only with nothing held (the fragment ended on a whole beat).
            held.Assign(Hw.U(0, width));
            count.Assign(Hw.U(0, countBits));
            closing.Assign(Hw.False);
        });
    }

    /// <summary>The widest beat on either side.</summary>
    public const int MaxBits = 256;
}
