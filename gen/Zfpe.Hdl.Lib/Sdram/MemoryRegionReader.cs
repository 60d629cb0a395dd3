using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Streams;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// Reads whole regions through one <see cref="BurstArbiter"/> port: each <see cref="MemoryRegion"/>
/// taken on <see cref="Regions"/> becomes read runs of <c>run</c> words (the last one shorter) on
/// <see cref="Request"/>, and the port's words come out on <see cref="Words"/> in order, <c>last</c> on
/// each region's final word. Requests run ahead of the words: the next region's runs go out as soon
/// as the current one's are all asked for (the arbiter's credits bound what is in flight), so a
/// consumer reading region after region never waits for a region's first run to come back (it loses
/// one cycle a region, while the region's length is taken into a down-counter). Up to five regions
/// may be asked for and not yet read out (four queued, one being read). Words pass from the port to
/// <see cref="Words"/> through a skid stage (no combinational path either way).
/// </summary>
public sealed class MemoryRegionReader : Component
{
    public readonly Stream<MemoryRegion> Regions;
    public readonly Stream<MemoryPortRequest> Request;
    public readonly Stream<UInt> Response;
    public readonly Stream<UInt> Words;

    /// <summary>High when no region is being asked for or read out.</summary>
    public readonly Bool Idle;

    /// <summary>Regions asked for and not yet read out that the reader can track.</summary>
    public const int RegionsInFlight = 4;

    public MemoryRegionReader(int addressBits, int run)
    {
        if (addressBits is < 8 or > 25) throw new ArgumentOutOfRangeException(nameof(addressBits), addressBits, "address bits must be 8..25");
        if (run < 2 || (run & (run - 1)) != 0 || run > 256) throw new ArgumentOutOfRangeException(nameof(run), run, "run must be a power of two, 2..256");
        Param("address-bits", addressBits, 24);
        Param("run", run, 64);
        var lengthBits = System.Numerics.BitOperations.Log2((uint)run);
        var wordsBits = addressBits + 1;
        Regions = In.Stream(MemoryRegion.Shape(addressBits), name: "regions");
        Request = Out.Stream(MemoryPortRequest.Shape(addressBits, lengthBits), name: "request");
        Response = In.Stream(16, withLast: true, name: "response");
        Words = Out.Stream(16, withLast: true, name: "words");
        Idle = Out.Bool("idle");

        // ---- asking: one region at a time, a run per request ----------------------------------------
        var lengths = Instance(new StreamQueue<UInt>(Shape.UInt(wordsBits), RegionsInFlight), "lengths");
        var address = Reg.UInt(addressBits, reset: 0, name: "address");
        var left = Reg.UInt(wordsBits, reset: 0, name: "left");                 // words of the region still to ask for
        var asking = Reg.Bool(reset: false, name: "asking");
        var wholeRun = Reg.Bool(reset: false, name: "whole_run");                // left >= run, as a register
        Regions.Ready.Assign(!asking & lengths.Push.Ready);
        lengths.Push.Valid.Assign(Regions.Fire & (Regions.Payload.Words != 0));   // an empty region has no words to wait for
        lengths.Push.Payload.Assign(Regions.Payload.Words);

        Request.Valid.Assign(asking);
        Request.Payload.Address.Assign(address);
        Request.Payload.Write.Assign(Hw.False);
        Request.Payload.Data.Assign(Hw.U(0, 16));
        Request.Payload.ByteEnable.Assign(Hw.U(0, 2));
        Request.Payload.WordsMinusOne.Assign(Hw.Mux(wholeRun, Hw.U((ulong)(run - 1), lengthBits), (left - 1).Truncate(lengthBits)));
        var asked = Hw.Mux(wholeRun, Hw.U((ulong)run, wordsBits), left);
        // Whether a count holds at least n runs (n·run a power of two): its high bits, no subtraction in front.
        Bool AtLeast(UInt words, int runs) => words[wordsBits - 1, System.Numerics.BitOperations.Log2((uint)(runs * run))] != 0;
        When(Regions.Fire, () =>
        {
            address.Assign(Regions.Payload.Address);
            left.Assign(Regions.Payload.Words);
            asking.Assign(Regions.Payload.Words != 0);
            wholeRun.Assign(AtLeast(Regions.Payload.Words, 1));
        }).ElseWhen(Request.Fire, () =>
        {
            // A whole run leaves left − run (more to ask while left ≠ run), a short one leaves nothing:
            // the flags come from left itself, not from the difference.
            address.Assign(address + asked.Resize(addressBits));
            left.Assign(Hw.Mux(wholeRun, left - run, Hw.U(0, wordsBits)));
            asking.Assign(wholeRun & (left != run));
            wholeRun.Assign(wholeRun & AtLeast(left, 2));
        });

        // ---- reading: count each region's words out, last on its final one ------------------------------
        // A region's length is taken from the queue into a down-counter a cycle before its first word
        // (one idle cycle a region); whether the next word is the final one is a register beside it.
        var loaded = Reg.Bool(reset: false, name: "region_loaded");
        var remaining = Reg.UInt(wordsBits, reset: null, name: "remaining");      // words of the region after the next one
        var finalWord = Reg.Bool(reset: false, name: "final_word");
        var words = Wire.Stream(Shape.UInt(16), withLast: true, name: "counted_words");
        words.Valid.Assign(Response.Valid & loaded);
        words.Payload.Assign(Response.Payload);
        words.Last!.Assign(finalWord);
        Response.Ready.Assign(words.Ready & loaded);
        lengths.Pop.Ready.Assign(!loaded);
        When(lengths.Pop.Fire, () =>
        {
            loaded.Assign(Hw.True);
            remaining.Assign(lengths.Pop.Payload - 1);
            finalWord.Assign(lengths.Pop.Payload == 1);
        }).ElseWhen(words.Fire, () =>
        {
            loaded.Assign(!finalWord);
            remaining.Assign(remaining - 1);
            finalWord.Assign(remaining == 1);
        });
        Words.ConnectFrom(words.SkidStage("out"));
        Idle.Assign(!asking & !lengths.Pop.Valid & !loaded);
    }
}
