using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Streams;

namespace Zfpe.Cores.Processing;

/// <summary>
/// A dense layer on <c>pes</c> <see cref="ProcessingElement"/>s, bit-exact with <c>DenseReference</c>,
/// its streams in the order of <c>ArraySchedule</c> (P = pes, K = outputs-per-pe, B = batch-tile,
/// a tile is T = P·K outputs for B batch rows):
/// <list type="bullet">
/// <item><c>biases</c>: per tile, for PE p, slot k: the bias of output p·K + k of the tile (+0 for none or padding);</item>
/// <item><c>weights</c>: per tile, for each input i: for PE p, slot k: W[p·K + k, i] (0 for padding outputs);
/// streamed once per tile, each weight used for the B rows inside its PE;</item>
/// <item><c>inputs</c>: per tile, for each input i: for row b: x[b, i], broadcast to every PE (padding rows 0),
/// <c>last</c> on the final beat of the tile's last input;</item>
/// <item><c>results</c>: per tile, for each output o of the tile: for row b: y[b, o], drained PE after PE
/// (PE 0's K·B sums, then PE 1's, …), the outputs at or beyond <c>layer_outputs</c> (padding) dropped,
/// ReLU applied when <c>relu</c> is high; <c>last</c> on the final result of each tile.</item>
/// </list>
/// The layer's size is set at run time: the inputs by where <c>last</c> falls, the outputs by
/// <c>layer_outputs</c> (1..65535, held while a layer runs; the array counts output tiles against it
/// and starts again at output 0 after the tile that reaches it, that is at the next batch tile).
/// <para>
/// Nothing goes from one place to all PEs, or from all PEs to one place, in one cycle. Weights and biases
/// are dealt down a register chain (a stage per PE) to per-PE queues (2K weights in LUT RAM: a PE holds
/// the weights of the input it works on and of the next; K biases in a chain of registers, which takes
/// a word every other cycle), PE after PE, K words each, as far as each PE's done count leaves room;
/// inputs go down their own register chain to every PE, a bank of B beats at a time when every PE has a
/// bank free; results are gathered one PE at a time by a tree of 4:1 stages. A PE whose turn to drain has
/// not come keeps its sums, so the array
/// spends about (P − 1)·K·B cycles per tile draining on top of the inputs·K·B cycles of work:
/// with the weight stream delivering a word per cycle the array does P·min(1, B/P) multiply-adds per
/// cycle at most, times inputs / (inputs + P − 1).
/// </para>
/// </summary>
public sealed class PeArray : Component
{
    public readonly Stream<UInt> Biases;
    public readonly Stream<UInt> Weights;
    public readonly Stream<UInt> Inputs;
    public readonly Stream<UInt> Results;

    /// <summary>The layer's output count (run time, 1..65535): results of outputs at or beyond it are padding, dropped.</summary>
    public readonly UInt LayerOutputs;

    /// <summary>Apply ReLU to the results (run time): a negative result leaves as +0.</summary>
    public readonly Bool Relu;

    public PeArray(PeArrayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Params(config);
        int pes = config.Pes, outputs = config.OutputsPerPe, rows = config.BatchTile;

        Biases = In.Stream(32, name: "biases");
        Weights = In.Stream(32, name: "weights");
        Inputs = In.Stream(32, withLast: true, name: "inputs");
        LayerOutputs = In.UInt(PeArrayConfig.OutputCountBits, "layer_outputs");
        Relu = In.Bool("relu");
        Results = Out.Stream(32, withLast: true, name: "results");

        var elements = Enumerable.Range(0, pes).Select(p => Instance(new ProcessingElement(config.Pe), $"pe_{p}")).ToList();

        // Nothing travels from one place to all PEs, or from all PEs to one place, in one cycle: words go
        // down register chains (a stage per PE) and PEs are fed by credits, so no ready crosses the array.
        // Each PE counts what it is done with; the feeders compare those counts with what they sent.
        var inputsDone = elements.Select((e, p) => DoneCount(e.InputDone, $"pe_{p}_inputs_done")).ToList();
        var biasGroupsDone = elements.Select((e, p) => DoneCount(e.BiasesDone, $"pe_{p}_bias_groups_done")).ToList();

        // A PE holds the weights of two inputs (2K, LUT RAM at a word per cycle) and the K biases
        // of a tile (a register chain: biases are few and slow, and LUT RAM costs three slices a DPR16X4).
        Deal(Weights, elements.Select(e => e.Weights).ToList(), outputs, 2, inputsDone, QueueStorage.Lut, "weight");
        Deal(Biases, elements.Select(e => e.Biases).ToList(), outputs, 1, biasGroupsDone, QueueStorage.Registers, "bias");
        Broadcast(elements.Select(e => e.Inputs).ToList(), inputsDone, rows);
        var gathered = Gather(elements.Select(e => e.Results).ToList());
        Finish(gathered, rows);
    }

    public PeArrayConfig Config { get; }

    /// <summary>PEs gathered by one stage of the results' tree (a 4:1 multiplexer per bit is two LUT levels).</summary>
    public const int GatherFanIn = 4;

    /// <summary>Bits of the counts of groups and banks a PE is done with: they are compared modulo 8 with what was sent, never more than 2 apart.</summary>
    private const int CountBits = 3;

    /// <summary>
    /// Words from <paramref name="source"/> to the PEs' queues: <paramref name="group"/> to PE 0, the
    /// next to PE 1, …, round and round, and <paramref name="held"/> groups at most in a PE's queue, so that it
    /// never overflows. The dealer counts the groups it started for each PE; each PE's room (that count
    /// against the PE's <paramref name="done"/> count) is a register, late, so it only ever shows too little
    /// room, never too much. The entrance's ready is a register too, computed a cycle ahead from those
    /// rooms and the turn it will be: its fan-out (the entrance's clock enables) starts at a flip-flop.
    /// A word travels a register chain (a stage per PE, with its PE's number) to its queue.
    /// </summary>
    private void Deal(Stream<UInt> source, IReadOnlyList<Stream<UInt>> targets, int group, int held, IReadOnlyList<UInt> done, QueueStorage storage, string name)
    {
        var count = targets.Count;
        var entrance = Instance(new StreamStage<UInt>(Shape.UInt(32)), $"{name}_entrance");
        entrance.Input.ConnectFrom(source);
        var word = entrance.Output;
        var turn = Turn(count, $"{name}_turn");
        var peBits = BitsFor(count);
        var pe = Reg.UInt(peBits, reset: 0, name: $"{name}_pe");
        var slotBits = BitsFor(group);
        var slot = Reg.UInt(slotBits, reset: 0, name: $"{name}_slot");
        var slotEnd = slot == group - 1;
        var groupStart = slot == 0;
        var ready = Reg.Bool(reset: false, name: $"{name}_ready");
        var fire = word.Valid & ready;
        var rotating = fire & slotEnd;

        Bool valid = fire;
        UInt data = word.Payload, to = pe;
        var rooms = new List<Bool>();
        for (var p = 0; p < count; p++)
        {
            var started = Reg.UInt(CountBits, reset: 0, name: $"{name}_started_{p}");
            When(fire & groupStart & turn[p], () => started.Assign(started + 1));
            rooms.Add(Delayed((started - done[p]) < held, $"{name}_room_{p}"));
            var stageValid = Delayed(valid, $"{name}_chain_{p}_valid");
            var stageWord = Delayed(data, $"{name}_chain_{p}_word");
            var stageTo = Delayed(to, $"{name}_chain_{p}_pe");
            // Whether the stage's word is this PE's, decided on the way in: the queue's push is a flip-flop.
            var stageMine = Delayed(valid & (to == p), $"{name}_chain_{p}_mine");
            var queue = Instance(new StreamQueue<UInt>(Shape.UInt(32), group * held, storage), $"{name}_queue_{p}");
            queue.Push.Valid.Assign(stageMine);
            queue.Push.Payload.Assign(stageWord);
            targets[p].ConnectFrom(queue.Pop);
            (valid, data, to) = (stageValid, stageWord, stageTo);
        }

        // Next cycle's ready: mid-group always; at a group's start, the room of the PE whose turn it will be.
        // A room register shows a start two cycles late, so where a PE's turn can come back sooner (fewer
        // than three words a round) the dealer also waits two cycles after each start.
        var nextTurn = Hw.Mux(rotating, Rotated(turn), turn);
        var nextRoom = rooms.Select((room, p) => room & nextTurn[p]).Aggregate((a, b) => a | b);
        if (count * group < 3)
        {
            var startedNow = fire & groupStart;
            nextRoom &= !startedNow & !Delayed(startedNow, $"{name}_just_started");
        }
        var nextGroupStart = Hw.Mux(fire, slotEnd, groupStart);
        var nextReady = !nextGroupStart | nextRoom;
        // A queue of registers takes a word every other cycle (an empty one included): then words leave at that pace.
        if (storage == QueueStorage.Registers) nextReady &= !fire;
        ready.Assign(nextReady);
        word.Ready.Assign(ready);
        When(fire, () =>
        {
            slot.Assign(Hw.Mux(slotEnd, Hw.U(0, slotBits), slot + 1));
            When(slotEnd, () =>
            {
                if (count > 1) turn.Assign(Rotated(turn));
                pe.Assign(Hw.Mux(pe == count - 1, Hw.U(0, peBits), pe + 1));
            });
        });
    }

    /// <summary>
    /// Every input beat to every PE, down a register chain (a stage per PE). A bank of B beats starts
    /// only when every PE has one of its two banks free, and once started it goes on: the PEs take beats
    /// without a ready. Each PE's room (banks started against its <paramref name="done"/> count) is a register beside
    /// it, and the entrance's ready a register computed from all of them: after a bank starts, the next waits two
    /// cycles for them to see it (a bank is B beats, so that costs nothing when B is 3 or more).
    /// </summary>
    private void Broadcast(IReadOnlyList<Stream<UInt>> targets, IReadOnlyList<UInt> done, int rows)
    {
        var entrance = Instance(new StreamStage<UInt>(Shape.UInt(32), withLast: true), "input_entrance");
        entrance.Input.ConnectFrom(Inputs);
        var beat = entrance.Output;
        var rowBits = BitsFor(rows);
        var row = Reg.UInt(rowBits, reset: 0, name: "input_row");
        var bankStart = row == 0;
        var start = beat.Fire & bankStart;
        var started = Reg.UInt(CountBits, reset: 0, name: "input_banks_started");
        When(start, () => started.Assign(started + 1));
        Bool valid = beat.Fire, last = beat.Last!;
        UInt data = beat.Payload;
        Bool? room = null;
        for (var p = 0; p < targets.Count; p++)
        {
            var free = Delayed((started - done[p]) < 2, $"input_room_{p}");
            room = room is null ? free : room & free;
            var stageValid = Delayed(valid, $"input_chain_{p}_valid");
            var stageData = Delayed(data, $"input_chain_{p}_word");
            var stageLast = Delayed(last, $"input_chain_{p}_last");
            targets[p].Valid.Assign(stageValid);
            targets[p].Payload.Assign(stageData);
            targets[p].Last!.Assign(stageLast);
            (valid, data, last) = (stageValid, stageData, stageLast);
        }
        // The entrance's ready is a register, computed a cycle ahead (its fan-out, the entrance's clock
        // enables, starts at a flip-flop): mid-bank always; at a bank's start, when every PE had room a
        // cycle ago and no bank started in the two cycles before (the rooms show a start two cycles late).
        var startedBefore = Delayed(start, "input_started_1");
        var nextBankStart = Hw.Mux(beat.Fire, row == rows - 1, bankStart);
        var ready = Reg.Bool(reset: false, name: "input_ready");
        ready.Assign(!nextBankStart | (room! & !start & !startedBefore));
        beat.Ready.Assign(ready);
        When(beat.Fire, () => row.Assign(Hw.Mux(row == rows - 1, Hw.U(0, rowBits), row + 1)));
    }

    /// <summary>
    /// The PEs' results, PE after PE, through a tree of stages (<see cref="GatherFanIn"/> streams each):
    /// a stage takes from one stream at a time and passes to the next when that one's <c>last</c> has gone.
    /// </summary>
    private Stream<UInt> Gather(IReadOnlyList<Stream<UInt>> sources)
    {
        var level = sources;
        for (var depth = 0; level.Count > GatherFanIn; depth++)
        {
            var d = depth;
            level = level.Chunk(GatherFanIn).Select((g, i) => GatherStage(g, $"gather_{d}_{i}")).ToList();
        }
        return GatherStage(level, "gathered");
    }

    /// <summary>One stage of the gather tree: its sources in turn, a turn ending with its source's last; its own last is the final source's.</summary>
    private Stream<UInt> GatherStage(IReadOnlyList<Stream<UInt>> sources, string name)
    {
        var stage = Instance(new StreamStage<UInt>(Shape.UInt(32), withLast: true), name);
        var turn = Turn(sources.Count, $"{name}_turn");
        Bool? valid = null, turnEnds = null;
        UInt? payload = null;
        for (var p = 0; p < sources.Count; p++)
        {
            var s = sources[p];
            var mine = turn[p];
            s.Ready.Assign(mine & stage.Input.Ready);
            var v = mine & s.Valid;
            var l = mine & s.Last!;
            var d = Hw.Repeat(mine, 32) & s.Payload;
            valid = valid is null ? v : valid | v;
            turnEnds = turnEnds is null ? l : turnEnds | l;
            payload = payload is null ? d : payload | d;
        }
        stage.Input.Valid.Assign(valid!);
        stage.Input.Payload.Assign(payload!);
        stage.Input.Last!.Assign(turn[sources.Count - 1] & sources[^1].Last!);
        if (sources.Count > 1) When(stage.Input.Fire & turnEnds!, () => turn.Assign(Rotated(turn)));
        return stage.Output;
    }

    /// <summary>ReLU, padding outputs dropped, <c>last</c> on each tile's final kept result.</summary>
    private void Finish(Stream<UInt> gathered, int rows)
    {
        var rowBits = BitsFor(rows);
        var indexBits = PeArrayConfig.OutputCountBits + 1;
        var row = Reg.UInt(rowBits, reset: 0, name: "result_row");
        // The output index and the next one, both registers: every decision below is one comparison
        // of a register with layer_outputs (no increment in front of it).
        var output = Reg.UInt(indexBits, reset: 0, name: "result_output");
        var nextOutput = Reg.UInt(indexBits, reset: 1, name: "result_next_output");
        var outputs = LayerOutputs.ZeroExtend(indexBits);
        var rowEnd = row == rows - 1;
        var tileEnd = gathered.Last!;
        // Whether the current output is kept, a register too: it gates the gathered stream's ready,
        // whose fan-out (two words of clock enables) leaves no room for a comparison in front of it.
        // Refreshed every cycle (layer_outputs may change between layers), from the next index when it moves.
        var keep = Reg.Bool(reset: false, name: "result_keep");
        var results = Instance(new StreamStage<UInt>(Shape.UInt(32), withLast: true), "results_out");
        results.Input.Valid.Assign(gathered.Valid & keep);
        results.Input.Payload.Assign(Hw.Mux(Relu & gathered.Payload[31], Hw.U(0, 32), gathered.Payload));
        results.Input.Last!.Assign(rowEnd & (tileEnd | (nextOutput == outputs)));
        gathered.Ready.Assign(!keep | results.Input.Ready);
        var restart = tileEnd & (nextOutput >= outputs);
        var advance = gathered.Fire & rowEnd;
        keep.Assign(Hw.Mux(advance, Hw.Mux(restart, outputs != 0, nextOutput < outputs), output < outputs));
        When(gathered.Fire, () =>
        {
            row.Assign(Hw.Mux(rowEnd, Hw.U(0, rowBits), row + 1));
            When(rowEnd, () =>
            {
                output.Assign(Hw.Mux(restart, Hw.U(0, indexBits), nextOutput));
                nextOutput.Assign(Hw.Mux(restart, Hw.U(1, indexBits), nextOutput + 1));
            });
        });
        Results.ConnectFrom(results.Output);
    }

    /// <summary>A one-hot turn register over <paramref name="count"/> places, starting at the first (a constant for one place).</summary>
    private UInt Turn(int count, string name) => count == 1 ? Hw.U(1, 1) : Reg.UInt(count, reset: 1, name: name);

    /// <summary>A register that takes <paramref name="value"/> every cycle.</summary>
    private Bool Delayed(Bool value, string name)
    {
        var r = Reg.Bool(reset: false, name: name);
        r.Assign(value);
        return r;
    }

    private UInt Delayed(UInt value, string name)
    {
        var r = Reg.UInt(value.Width, reset: null, name: name);
        r.Assign(value);
        return r;
    }

    /// <summary>A PE's pulses counted (modulo 8), the pulse first taken into a register.</summary>
    private UInt DoneCount(Bool pulse, string name)
    {
        var seen = Delayed(pulse, $"{name}_pulse");
        var count = Reg.UInt(CountBits, reset: 0, name: name);
        When(seen, () => count.Assign(count + 1));
        return count;
    }

    /// <summary>The one-hot turn moved on by one place (itself for one place).</summary>
    private static UInt Rotated(UInt turn) => turn.Width == 1 ? turn : Hw.Cat(turn[turn.Width - 2, 0], turn[turn.Width - 1]);

    private static int BitsFor(int count)
    {
        var bits = 1;
        while ((1 << bits) < count) bits++;
        return bits;
    }
}
