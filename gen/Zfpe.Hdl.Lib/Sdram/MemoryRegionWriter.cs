using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Streams;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// Writes fragments of words to regions through one <see cref="BurstArbiter"/> port: the region's
/// first address is taken on <see cref="Regions"/>, its words on <see cref="Words"/> (<c>last</c> on the
/// region's final word), and they go out on <see cref="Request"/> as write runs of <c>run</c> words (the
/// last one shorter) at consecutive addresses. A run is asked for only when all its words are
/// buffered (a block-RAM queue of 1,024 words), so a granted run never holds the arbiter waiting for
/// data. Beats leave through a skid stage, so neither the port's ready nor its valid reaches the
/// queues combinationally. <see cref="RegionsWritten"/> counts regions whose every run has left for the
/// arbiter; from then on, once the stage has passed them on, any request on another port is served after them.
/// </summary>
public sealed class MemoryRegionWriter : Component
{
    public readonly Stream<UInt> Regions;
    public readonly Stream<UInt> Words;
    public readonly Stream<MemoryPortRequest> Request;

    /// <summary>Regions fully handed to the arbiter since reset (wraps at 2^16).</summary>
    public readonly UInt RegionsWritten;

    /// <summary>High when nothing is buffered or being written.</summary>
    public readonly Bool Idle;

    public const int CountBits = 16;

    public MemoryRegionWriter(int addressBits, int run)
    {
        if (addressBits is < 8 or > 25) throw new ArgumentOutOfRangeException(nameof(addressBits), addressBits, "address bits must be 8..25");
        if (run < 2 || (run & (run - 1)) != 0 || run > 256) throw new ArgumentOutOfRangeException(nameof(run), run, "run must be a power of two, 2..256");
        Param("address-bits", addressBits, 24);
        Param("run", run, 64);
        var lengthBits = System.Numerics.BitOperations.Log2((uint)run);
        Regions = In.Stream(addressBits, name: "regions");
        Words = In.Stream(16, withLast: true, name: "words");
        Request = Out.Stream(MemoryPortRequest.Shape(addressBits, lengthBits), name: "request");
        RegionsWritten = Out.UInt(CountBits, "regions_written");
        Idle = Out.Bool("idle");

        // ---- buffering: words into a queue, a run descriptor when a run (or the region's rest) is in -----
        // The data queue is read through the DP16KD's output register: the beat's data (and the skid
        // stage after it) start at a register, not at an unregistered block-RAM read (5.5 ns).
        var data = Instance(new BlockRamQueue(16), "data");
        var runs = Instance(new StreamQueue<UInt>(Shape.UInt(lengthBits + 1), 4), "runs");     // {ends the region, words − 1}
        var gathered = Reg.UInt(lengthBits, reset: 0, name: "gathered");          // words of the forming run already in
        var closesRun = Words.Last! | (gathered == run - 1);
        Words.Ready.Assign(data.Push.Ready & runs.Push.Ready);
        data.Push.Valid.Assign(Words.Fire);
        data.Push.Payload.Assign(Words.Payload);
        runs.Push.Valid.Assign(Words.Fire & closesRun);
        runs.Push.Payload.Assign(Hw.Cat(Words.Last!.AsUInt(), gathered));
        When(Words.Fire, () => gathered.Assign(Hw.Mux(closesRun, Hw.U(0, lengthBits), gathered + 1)));

        // ---- writing: a region's address, then its runs, each run's beats back to back ------------------
        var address = Reg.UInt(addressBits, reset: 0, name: "address");
        var haveAddress = Reg.Bool(reset: false, name: "have_address");
        var inRun = Reg.Bool(reset: false, name: "in_run");
        var beatsLeft = Reg.UInt(lengthBits, reset: 0, name: "beats_left");      // beats of the run after the one offered
        var written = Reg.UInt(CountBits, reset: 0, name: "written");
        Regions.Ready.Assign(!haveAddress);
        When(Regions.Fire, () =>
        {
            address.Assign(Regions.Payload);
            haveAddress.Assign(Hw.True);
        });

        // The head descriptor passes a register stage: its fields (from LUT RAM) do not run into the
        // address register's enable.
        var head = runs.Pop.Stage("run_head");
        var descriptor = head.Payload;
        var runWordsMinusOne = descriptor.Truncate(lengthBits);
        var endsRegion = descriptor[lengthBits];
        var start = !inRun & haveAddress & head.Valid;
        var beat = Wire.Stream(MemoryPortRequest.Shape(addressBits, lengthBits), name: "beat");
        beat.Valid.Assign(Hw.Mux(inRun, data.Pop.Valid, start & data.Pop.Valid));
        beat.Payload.Address.Assign(address);
        beat.Payload.Write.Assign(Hw.True);
        beat.Payload.Data.Assign(data.Pop.Payload);
        beat.Payload.ByteEnable.Assign(Hw.U(3, 2));
        beat.Payload.WordsMinusOne.Assign(runWordsMinusOne);
        data.Pop.Ready.Assign(beat.Ready & (inRun | start));
        Request.ConnectFrom(beat.SkidStage("to_port"));
        var runEnds = beat.Fire & Hw.Mux(inRun, beatsLeft == 0, runWordsMinusOne == 0);
        head.Ready.Assign(runEnds);
        When(beat.Fire, () =>
        {
            When(!inRun, () =>
            {
                inRun.Assign(runWordsMinusOne != 0);
                beatsLeft.Assign(runWordsMinusOne - 1);
            }).Otherwise(() =>
            {
                inRun.Assign(beatsLeft != 0);
                beatsLeft.Assign(beatsLeft - 1);
            });
        });
        When(runEnds, () =>
        {
            address.Assign(address + runWordsMinusOne.ZeroExtend(addressBits) + 1);
            When(endsRegion, () =>
            {
                haveAddress.Assign(Hw.False);
                written.Assign(written + 1);
            });
        });
        RegionsWritten.Assign(written);
        Idle.Assign(!haveAddress & !runs.Pop.Valid & !head.Valid & !data.Pop.Valid & (gathered == 0) & !Request.Valid);
    }
}
