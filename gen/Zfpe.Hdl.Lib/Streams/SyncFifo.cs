using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>
/// A synchronous stream FIFO of any depth ≥ 1, with full, empty and level outputs.
/// Storage is a memory read asynchronously (LUT RAM, fine for small depths) or, with
/// <c>blockRam</c>, synchronously with a one-word output register so that Yosys maps it to
/// DP16KD. <c>Push.Ready</c> is <c>!Full</c>, except at depth 1 where a word is also taken while
/// the held one leaves (so a depth-1 FIFO is a full-throughput pipeline stage). Throughput: one beat per cycle in and out. Latency (push to pop valid): 1 cycle;
/// 2 with <c>blockRam</c>. Pushing when full or popping when empty does nothing (the stream
/// handshake already forbids it).
/// </summary>
public sealed class SyncFifo : Component
{
    public readonly Stream<UInt> Push;
    public readonly Stream<UInt> Pop;
    public readonly Bool Full;
    public readonly Bool Empty;
    public readonly UInt Level;

    public SyncFifo(int width, int depth, bool blockRam = false)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "FIFO width must be at least 1 bit");
        if (depth is < 1 or > 1 << 20) throw new ArgumentOutOfRangeException(nameof(depth), depth, "FIFO depth must be 1..1048576");
        Param("width", width, 8);
        Param("depth", depth, 16);
        Param("bram", blockRam, false);

        Push = In.Stream(width);
        Pop = Out.Stream(width);
        var levelBits = BitsFor(depth + (blockRam ? 2 : 1));
        Level = Out.UInt(levelBits);
        Full = Out.Bool();
        Empty = Out.Bool();

        if (depth == 1)
        {
            // One register: the simplest FIFO, and the shape the general case degenerates to.
            var held = Reg.Bool(reset: false, name: "held");
            var data = Reg.UInt(width, reset: null, name: "data");
            Push.Ready.Assign(!held | Pop.Ready);
            When(Push.Fire, () => { held.Assign(true); data.Assign(Push.Payload); })
                .ElseWhen(Pop.Ready, () => held.Assign(false));
            Pop.Valid.Assign(held);
            Pop.Payload.Assign(data);
            Level.Assign(held.AsUInt());
            Full.Assign(held);
            Empty.Assign(!held);
            return;
        }

        var addrBits = BitsFor(depth);
        var storage = Mem(width, depth, "storage");
        var writePtr = Reg.UInt(addrBits, reset: 0, name: "write_ptr");
        var readPtr = Reg.UInt(addrBits, reset: 0, name: "read_ptr");
        var count = Reg.UInt(levelBits, reset: 0, name: "count");

        var doPush = Wire.Bool("do_push");
        var doPop = Wire.Bool("do_pop");
        Full.Assign(count == depth);
        if (!blockRam)
        {
            Empty.Assign(count == 0);
            Level.Assign(count);
        }

        UInt Next(UInt ptr) => IsPowerOfTwo(depth) ? ptr + 1 : Hw.Mux(ptr == depth - 1, Hw.U(0, addrBits), ptr + 1);

        When(doPush, () =>
        {
            storage.Write(writePtr, Push.Payload);
            writePtr.Assign(Next(writePtr));
        });
        When(doPop, () => readPtr.Assign(Next(readPtr)));
        When(doPush & !doPop, () => count.Assign(count + 1))
            .ElseWhen(doPop & !doPush, () => count.Assign(count - 1));

        if (!blockRam)
        {
            Push.Ready.Assign(!Full);
            doPush.Assign(Push.Fire);
            Pop.Valid.Assign(!Empty);
            Pop.Payload.Assign(storage.ReadAsync(readPtr));
            doPop.Assign(Pop.Fire);
            return;
        }

        // Block RAM: reads are registered, so a one-word output register ("out") sits after the
        // memory. A word moves memory -> out whenever out is empty or being taken.
        var outValid = Reg.Bool(reset: false, name: "out_valid");
        var outFree = !outValid | Pop.Ready;
        var memHasData = count != 0;
        doPush.Assign(Push.Fire);
        Push.Ready.Assign(count != depth);
        doPop.Assign(memHasData & outFree);
        var word = storage.ReadSync(readPtr, enable: doPop, name: "out_word");
        When(outFree, () => outValid.Assign(memHasData));
        Pop.Valid.Assign(outValid);
        Pop.Payload.Assign(word);
        Level.Assign(count + outValid.AsUInt().ZeroExtend(levelBits));
        Empty.Assign((count == 0) & !outValid);
    }

    internal static int BitsFor(int values) => Math.Max(1, (int)Math.Ceiling(Math.Log2(values)));

    private static bool IsPowerOfTwo(int v) => (v & (v - 1)) == 0;
}
