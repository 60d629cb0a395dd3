using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>
/// A synchronous FIFO queue of any depth ≥ 1 over a typed stream (payload and, when the stream has
/// it, last). <see cref="Level"/> counts the words held (the output register included).
/// <list type="bullet">
/// <item><see cref="QueueStorage.Lut"/>: asynchronous reads (LUT RAM). Latency push → pop 1 cycle;
/// <c>Push.Ready</c> = not full.</item>
/// <item><see cref="QueueStorage.BlockRam"/>: registered reads, so Yosys maps the storage to DP16KD,
/// read ahead through a further register into a <see cref="LandingDepth"/>-word LUT-RAM queue, so that
/// nothing downstream waits on the block RAM's slow data output. Latency 4 cycles; holds depth + 4 words.</item>
/// <item><see cref="QueueStorage.Registers"/>: a chain of depth register stages, no RAM and no
/// multiplexer on the data; one beat per two cycles, latency depth cycles.</item>
/// <item>Depth 1 (<see cref="QueueStorage.Lut"/> or <see cref="QueueStorage.BlockRam"/>): one register that also takes a word while the held one leaves,
/// so it is a full-throughput pipeline stage with a combinational ready.</item>
/// </list>
/// Throughput one beat per cycle in and out (but for <see cref="QueueStorage.Registers"/>). The UInt-only <see cref="SyncFifo"/> (with full and
/// empty outputs) is the same design; this is the one for bundles and streams with last.
/// </summary>
public sealed class StreamQueue<T> : Component where T : class, IHdlData
{
    public readonly Stream<T> Push;
    public readonly Stream<T> Pop;
    public readonly UInt Level;

    public StreamQueue(Shape<T> payload, int depth, QueueStorage storage = QueueStorage.Lut, bool withLast = false)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (depth is < 1 or > 1 << 20) throw new ArgumentOutOfRangeException(nameof(depth), depth, "queue depth must be 1..1048576");
        Push = In.Stream(payload, withLast);
        Pop = Out.Stream(payload, withLast);
        Param("payload", StreamPayloads.Describe(Push.Payload), StreamPayloads.DefaultName);
        Param("depth", depth, 16);
        Param("storage", storage, QueueStorage.Lut);
        Param("last", withLast, false);

        var blockRam = storage == QueueStorage.BlockRam;
        var wordBits = StreamPayloads.WordWidth(Push);
        Level = Out.UInt(StreamPayloads.BitsFor(depth + (blockRam ? LandingDepth + 1 : 1)));
        var word = StreamPayloads.Word(Push);

        if (storage == QueueStorage.Registers)
        {
            Chain(depth, wordBits, word);
            return;
        }

        if (depth == 1)
        {
            var held = Reg.Bool(reset: false, name: "held");
            var data = Reg.UInt(wordBits, reset: null, name: "data");
            Push.Ready.Assign(!held | Pop.Ready);
            When(Push.Fire, () => { held.Assign(true); data.Assign(word); })
                .ElseWhen(Pop.Ready, () => held.Assign(false));
            Pop.Valid.Assign(held);
            StreamPayloads.DriveFromWord(Pop, data);
            Level.Assign(held.AsUInt());
            return;
        }

        var addrBits = StreamPayloads.BitsFor(depth);
        var memory = Mem(wordBits, depth, "storage");
        var writePtr = Reg.UInt(addrBits, reset: 0, name: "write_ptr");
        var readPtr = Reg.UInt(addrBits, reset: 0, name: "read_ptr");
        var count = Reg.UInt(Level.Width, reset: 0, name: "count");
        var doPop = Wire.Bool("do_pop");

        UInt Next(UInt ptr) => (depth & (depth - 1)) == 0 ? ptr + 1 : Hw.Mux(ptr == depth - 1, Hw.U(0, addrBits), ptr + 1);

        Push.Ready.Assign(count != depth);
        When(Push.Fire, () =>
        {
            memory.Write(writePtr, word);
            writePtr.Assign(Next(writePtr));
        });
        When(doPop, () => readPtr.Assign(Next(readPtr)));
        // One adder for both directions: + 1 on a push alone, + all ones (that is − 1) on a pop alone.
        // (An increment and a decrement under two conditions cost Yosys far more: 79 LUT4 in BlockRamQueue's 11-bit counter.)
        When(Push.Fire ^ doPop, () => count.Assign(count + Hw.Cat(Hw.Repeat(doPop, count.Width - 1), Hw.True)));

        if (!blockRam)
        {
            Pop.Valid.Assign(count != 0);
            StreamPayloads.DriveFromWord(Pop, memory.ReadAsync(readPtr));
            doPop.Assign(Pop.Fire);
            Level.Assign(count);
            return;
        }

        // Block RAM: words are read ahead, through the RAM's read register and then a register in the
        // fabric, into a small LUT-RAM landing queue, whenever that queue, with the reads in flight, has
        // room. So the pop side starts at flip-flops and LUT RAM, never at the block RAM's data output
        // (about 5.5 ns after the clock edge on a DP16KD without its output register), and a word still
        // comes out every cycle.
        var landing = Instance(new StreamQueue<UInt>(Shape.UInt(wordBits), LandingDepth), "landing");
        var inFlight1 = Reg.Bool(reset: false, name: "read_in_flight_1");      // read issued a cycle ago: its word is on the RAM's output
        var inFlight2 = Reg.Bool(reset: false, name: "read_in_flight_2");      // and two cycles ago: its word is in landed_word
        var levelOf = (Bool b) => b.AsUInt().ZeroExtend(landing.Level.Width);
        var committed = landing.Level + levelOf(inFlight1) + levelOf(inFlight2);
        doPop.Assign((count != 0) & (committed < LandingDepth));
        var readWord = memory.ReadSync(readPtr, enable: doPop, name: "read_word");
        var landed = Reg.UInt(wordBits, reset: null, name: "landed_word");
        landed.Assign(readWord);
        inFlight1.Assign(doPop);
        inFlight2.Assign(inFlight1);
        landing.Push.Valid.Assign(inFlight2);
        landing.Push.Payload.Assign(landed);
        Pop.Valid.Assign(landing.Pop.Valid);
        StreamPayloads.DriveFromWord(Pop, landing.Pop.Payload);
        landing.Pop.Ready.Assign(Pop.Ready);
        Level.Assign(count + committed.ZeroExtend(Level.Width));
    }

    /// <summary>Words of the LUT-RAM queue that <see cref="QueueStorage.BlockRam"/> storage reads ahead into: the two reads in flight and the word leaving, and one more.</summary>
    public const int LandingDepth = 4;

    /// <summary>Cycles from a push to its pop when the queue is empty, by storage (<see cref="QueueStorage.Registers"/>: its depth).</summary>
    public static int Latency(QueueStorage storage, int depth) => storage switch
    {
        QueueStorage.Registers => depth,
        QueueStorage.BlockRam when depth > 1 => 4,
        _ => 1,
    };

    /// <summary>Registers storage: stage 0 takes pushes, the last stage is popped; a stage takes the previous stage's word when it is empty.</summary>
    private void Chain(int depth, int wordBits, UInt word)
    {
        var full = Enumerable.Range(0, depth).Select(j => Reg.Bool(reset: false, name: $"full_{j}")).ToList();
        var data = Enumerable.Range(0, depth).Select(j => Reg.UInt(wordBits, reset: null, name: $"data_{j}")).ToList();
        var take = new List<Bool> { Push.Fire };
        for (var j = 1; j < depth; j++) take.Add(full[j - 1] & !full[j]);
        Push.Ready.Assign(!full[0]);
        for (var j = 0; j < depth; j++)
        {
            var source = j == 0 ? word : data[j - 1];
            var leaves = j == depth - 1 ? Pop.Fire : take[j + 1];
            var (f, d) = (full[j], data[j]);
            When(take[j], () => { f.Assign(true); d.Assign(source); })
                .ElseWhen(leaves, () => f.Assign(false));
        }
        Pop.Valid.Assign(full[depth - 1]);
        StreamPayloads.DriveFromWord(Pop, data[depth - 1]);
        Level.Assign(full.Select(f => f.AsUInt().ZeroExtend(Level.Width)).Aggregate((a, b) => a + b));
    }
}
