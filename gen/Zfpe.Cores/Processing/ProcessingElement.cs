using Zfpe.Cores.Float;
using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Pipelines;
using Zfpe.Hdl.Lib.Streams;

namespace Zfpe.Cores.Processing;

/// <summary>
/// A processing element: one <see cref="FloatMultiplier"/> and one <see cref="FloatAdder"/> that
/// multiply-accumulate K = outputs-per-pe outputs for B = batch-tile batch rows at once, one
/// multiply-add per cycle, bit-exact with <c>DenseReference</c> (each sum starts at its bias and
/// takes one product per input, in input order).
/// <list type="bullet">
/// <item><c>biases</c>: per tile, bias[k] for k = 0..K−1 (+0 for none);</item>
/// <item><c>weights</c>: per input i of the tile, W[k, i] for k = 0..K−1;</item>
/// <item><c>inputs</c>: per input i, x[b, i] for b = 0..B−1, <c>last</c> on the final beat of the
/// tile's last input (read on a group's final beat only);</item>
/// <item><c>results</c>: per tile, y[k, b] for k: for b (the sums after the last input), <c>last</c> on the final one.</item>
/// </list>
/// Per input i the PE takes B inputs into one of two banks of its input buffer, then works
/// for k: for b, acc[k, b] += W[k, i] · x[b, i]: each weight is used for the B rows in a row and
/// leaves its stream after the last, so weights need no buffer; the next input's B values fill the
/// other bank meanwhile. Partial sums circulate through a block-RAM queue (K·B ≤ 512 words):
/// the adder takes the queue's head (or, on a tile's first input, the bias) with each product,
/// and its sum goes back to the queue (or, on the last input, to <c>results</c>). A partial sum
/// is only read after the adder has produced it, so there is no accumulation hazard whatever the
/// adder's latency (what a product or sum is for rides through the cores as their tag, in lockstep).
/// When K·B is smaller than <see cref="CirculationLatency"/> the PE waits for its sums (fewer than
/// one multiply-add per cycle), else it does one per cycle while its streams keep up.
/// </summary>
public sealed class ProcessingElement : Component
{
    public readonly Stream<UInt> Biases;
    public readonly Stream<UInt> Weights;
    public readonly Stream<UInt> Inputs;
    public readonly Stream<UInt> Results;

    /// <summary>
    /// High for one cycle when the PE is done with an input: its bank of B values is free again and
    /// its K weights have left their stream (the last of them in the same cycle with B = 1, earlier else). An array that
    /// feeds PEs by credits (<see cref="PeArray"/>) counts these instead of watching the readies.
    /// </summary>
    public readonly Bool InputDone;

    /// <summary>High for one cycle when the tile's last bias (output K − 1's) leaves the bias stream.</summary>
    public readonly Bool BiasesDone;

    public ProcessingElement(PeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Params(config);
        int outputs = config.OutputsPerPe, rows = config.BatchTile;
        int slotBits = BitsFor(outputs), rowBits = BitsFor(rows);

        Biases = In.Stream(32, name: "biases");
        Weights = In.Stream(32, name: "weights");
        Inputs = In.Stream(32, withLast: true, name: "inputs");
        Results = Out.Stream(32, withLast: true, name: "results");
        InputDone = Out.Bool("input_done");
        BiasesDone = Out.Bool("biases_done");

        // The tags ride through the cores beside the values (in lockstep, flip-flops only), so the
        // join and the route below wait for no queue beside the cores.
        var multiplier = Instance(new FloatMultiplier(config.Float, PeProductTag.Shape.Width), "multiplier");
        var adder = Instance(new FloatAdder(config.Float, PeSumTag.Shape.Width), "adder");

        // ---- input buffer: two banks of B values, filled from `inputs`, read K times each -------
        var buffer = Mem(32, 2 << rowBits, "input_buffer");
        var writeBank = Reg.Bool(reset: false, name: "write_bank");
        var writeRow = Reg.UInt(rowBits, reset: 0, name: "write_row");
        var bankFull = new[] { Reg.Bool(reset: false, name: "bank_0_full"), Reg.Bool(reset: false, name: "bank_1_full") };
        var bankLast = new[] { Reg.Bool(reset: null, name: "bank_0_last"), Reg.Bool(reset: null, name: "bank_1_last") };
        Inputs.Ready.Assign(Hw.Mux(writeBank, !bankFull[1], !bankFull[0]));
        var writeEnd = writeRow == rows - 1;
        When(Inputs.Fire, () =>
        {
            buffer.Write(Hw.Cat(writeBank, writeRow), Inputs.Payload);
            writeRow.Assign(Hw.Mux(writeEnd, Hw.U(0, rowBits), writeRow + 1));
            When(writeEnd, () =>
            {
                for (var bank = 0; bank < 2; bank++)
                {
                    var b = bank;
                    When(b == 1 ? writeBank : !writeBank, () =>
                    {
                        bankFull[b].Assign(true);
                        bankLast[b].Assign(Inputs.Last!);
                    });
                }
                writeBank.Assign(!writeBank);
            });
        });

        // ---- issue: one multiply-add per cycle, for k: for b over the bank being read -----------
        var readBank = Reg.Bool(reset: false, name: "read_bank");
        var slot = Reg.UInt(slotBits, reset: 0, name: "slot");
        var row = Reg.UInt(rowBits, reset: 0, name: "row");
        var first = Reg.Bool(reset: true, name: "first_input");
        var groupReady = Hw.Mux(readBank, bankFull[1], bankFull[0]);
        var groupLast = Hw.Mux(readBank, bankLast[1], bankLast[0]);
        // Where row and slot stand, as registers beside them (no comparison in front of the issue's valid):
        // each flag is set from the counter's value before it moves.
        var rowEnd = Reg.Bool(reset: rows == 1, name: "at_row_end");
        var slotEnd = Reg.Bool(reset: outputs == 1, name: "at_slot_end");
        var rowZero = Reg.Bool(reset: true, name: "at_row_zero");
        var slotZero = Reg.Bool(reset: true, name: "at_slot_zero");
        var issueValid = Wire.Bool("issue_valid");
        var issueReady = Wire.Bool("issue_ready");
        // Tiles whose results are still in the sums queue (or on their way to it): a tile's last input
        // starts only while fewer than PendingTiles are, so the queue never holds more than its capacity.
        var pending = Reg.UInt(2, reset: 0, name: "pending_tiles");
        var pendingRoom = Reg.Bool(reset: true, name: "pending_room");
        var groupStart = rowZero & slotZero;
        // With B ≥ 2 a weight is read from its stream on the slot's first row only and held in the operand
        // register for the other rows, and it leaves its stream a cycle later, by a register: the issue's
        // decision (which waits on the multiplier) ends at flip-flops of the PE, not at the weight queue's
        // pointers outside it. The next slot's first row comes B ≥ 2 cycles later, when the queue's head has moved.
        var heldWeight = rows >= 2;
        // The weights pass a register stage first: the issue's valid starts at a flip-flop of the PE,
        // not at the level of the array's weight queue (a compare, and the route from the array to the PE).
        var weights = Weights.Stage("weight_in");
        var weightWanted = heldWeight ? rowZero : Hw.True;
        issueValid.Assign(groupReady & (!weightWanted | weights.Valid) & (!groupLast | !groupStart | pendingRoom));
        var issueFire = issueValid & issueReady;
        var issue = new Pipeline("issue");
        var token = issue.Begin(issueValid, issueReady);
        UInt operandWeight;
        if (heldWeight)
        {
            // The held weight loads on a slot's first row whenever the operand stage is free (its token, if
            // any, leaves this cycle), issued or not: its 32 clock enables wait on the stage's load and the
            // row flag, not on the issue's valid (banks, weight, pending tiles). Loaded without an issue, it
            // holds a word that no product uses: the operand stage is empty next cycle.
            var held = Reg.UInt(32, reset: null, name: "operand_weight");
            When(issueReady & rowZero, () => held.Assign(weights.Payload));
            operandWeight = held;
            var weightLeaves = Reg.Bool(reset: false, name: "weight_leaves");
            weightLeaves.Assign(issueFire & rowZero);
            weights.Ready.Assign(weightLeaves);
        }
        else
        {
            operandWeight = null!;
            weights.Ready.Assign(issueFire & rowEnd);
        }
        var weight = heldWeight ? null : token.Let("weight", weights.Payload);
        var isFirst = token.Let("first", first);
        var isLast = token.Let("last_input", groupLast);
        var isFinal = token.Let("final_sum", groupLast & rowEnd & slotEnd);
        var isRowEnd = token.Let("row_end", rowEnd);
        var isSlotEnd = token.Let("slot_end", slotEnd);
        var operand = issue.Stage("operand");
        var x = buffer.ReadSync(Hw.Cat(readBank, row), enable: operand.Load, name: "input_x");
        InputDone.Assign(issueFire & rowEnd & slotEnd);
        var tileStarts = issueFire & groupLast & groupStart;
        var tileDrained = Results.Fire & Results.Last!;
        var pendingNext = Hw.Mux(tileStarts ^ tileDrained, pending + Hw.Cat(tileDrained, Hw.True), pending);
        pending.Assign(pendingNext);
        pendingRoom.Assign(pendingNext < PendingTiles);
        When(issueFire, () =>
        {
            row.Assign(Hw.Mux(rowEnd, Hw.U(0, rowBits), row + 1));
            rowEnd.Assign(rows == 1 ? Hw.True : row == rows - 2);
            rowZero.Assign(rowEnd);
            When(rowEnd, () =>
            {
                slot.Assign(Hw.Mux(slotEnd, Hw.U(0, slotBits), slot + 1));
                slotEnd.Assign(outputs == 1 ? Hw.True : slot == outputs - 2);
                slotZero.Assign(slotEnd);
                When(slotEnd, () =>
                {
                    for (var bank = 0; bank < 2; bank++)
                    {
                        var b = bank;
                        When(b == 1 ? readBank : !readBank, () => bankFull[b].Assign(false));
                    }
                    readBank.Assign(!readBank);
                    first.Assign(groupLast);
                });
            });
        });

        // ---- the operands and their tag into the multiplier ------------------------------------
        // The operand stage moves on when the products' skid register is empty, a flip-flop of its own
        // (issue_room below), not on the multiplier's load: that net drives the clock enables of every
        // multiplier stage, and with 16 PEs its routing alone took 4 ns in front of the issue. Empty skid ⇒
        // the multiplier moves on, so the operand pair is taken when the operand stage lets it go.
        var issueRoom = Reg.Bool(reset: true, name: "issue_room");
        issue.End(operand, issueRoom);
        multiplier.Input.Valid.Assign(operand.Valid & issueRoom);
        multiplier.Input.Payload.A.Assign(heldWeight ? operandWeight : weight![operand]);
        multiplier.Input.Payload.B.Assign(x);
        var productTag = Wire.Of(PeProductTag.Shape, "product_tag_in");
        productTag.First.Assign(isFirst[operand]);
        productTag.LastInput.Assign(isLast[operand]);
        productTag.Final.Assign(isFinal[operand]);
        productTag.RowEnd.Assign(isRowEnd[operand]);
        productTag.SlotEnd.Assign(isSlotEnd[operand]);
        multiplier.InputTag!.Assign(productTag.AsBits());

        // ---- join: product with its tag and partial sum (the queue's head, or on a tile's first
        // input the head of the bias stream, taken there in the order the products come) into the
        // adder. A skid stage on the tagged products keeps the multiplier's ready path short (a
        // queue with credits instead, so that the multiplier never waits, cost 120 LUT4 and gained
        // no clock); the adder never stalls (below), so the register in front of it takes whatever
        // the join offers.
        var tagWidth = PeProductTag.Shape.Width;
        var tagged = Wire.Stream(32 + tagWidth, name: "tagged_products");
        tagged.Valid.Assign(multiplier.Output.Valid);
        tagged.Payload.Assign(Hw.Cat(multiplier.OutputTag!, multiplier.Output.Payload));
        multiplier.Output.Ready.Assign(tagged.Ready);
        // The skid stage written out here: its spare register takes the multiplier's output whenever it
        // is empty (its clock enable is its own valid bit, a flip-flop), so only the main register's enable
        // waits on the join (a skid stage's spare loads on "stalled", which ran the join into 37 enables).
        var width = 32 + tagWidth;
        var products = Wire.Stream(width, name: "products");
        var mainValid = Reg.Bool(reset: false, name: "products_main_valid");
        var mainData = Reg.UInt(width, reset: null, name: "products_main_data");
        var spareValid = Reg.Bool(reset: false, name: "products_spare_valid");
        var spareData = Reg.UInt(width, reset: null, name: "products_spare_data");
        tagged.Ready.Assign(!spareValid);
        var mainFree = products.Ready | !mainValid;
        When(!spareValid, () => spareData.Assign(tagged.Payload));
        spareValid.Assign(!mainFree & (spareValid | tagged.Valid));
        When(mainFree, () =>
        {
            mainValid.Assign(spareValid | tagged.Valid);
            mainData.Assign(Hw.Mux(spareValid, spareData, tagged.Payload));
        });
        products.Valid.Assign(mainValid);
        products.Payload.Assign(mainData);
        var tag = PeProductTag.Shape.FromBits(products.Payload[31 + tagWidth, 32]);
        // Every sum circulates through block RAM (read through its output register: a DP16KD read
        // without it comes about 5.5 ns after the clock edge), the results too, tagged as such: they
        // leave from the queue's head to `results`, and the next tile's partial sums queue up behind
        // them. At most K·B partial sums and K·B results are ever in it (≤ 1024 words, its capacity),
        // so it always takes the adder's sum, and the adder, whose stages move in lockstep, never
        // waits: no enable fans out over its registers.
        var sumTagWidth = PeSumTag.Shape.Width;
        var sums = Instance(new BlockRamQueue(32 + sumTagWidth), "sums");
        var adderIn = Instance(new StreamStage<FloatOperands>(FloatOperands.Shape, registeredReady: false), "adder_in");
        adder.Input.ConnectFrom(adderIn.Output);
        var adderTag = Reg.UInt(sumTagWidth, reset: null, name: "adder_in_tag");
        adder.InputTag!.Assign(adderTag);
        // The queue's head through a register (a pipe stage): the join's and the results' decisions start
        // at its flip-flops, not at the landing queue's LUT-RAM read (1.2 ns) and its level.
        var head = sums.Pop.Stage("sums_head");
        var headTag = PeSumTag.Shape.FromBits(head.Payload[31 + sumTagWidth, 32]);
        var headIsResult = headTag.Result;
        var startsAtBias = tag.First;
        var joined = products.Valid & Hw.Mux(startsAtBias, Biases.Valid, head.Valid & !headIsResult);
        var joinFire = joined & adderIn.Input.Ready;
        adderIn.Input.Valid.Assign(joined);
        adderIn.Input.Payload.A.Assign(Hw.Mux(startsAtBias, Biases.Payload, head.Payload[31, 0]));
        adderIn.Input.Payload.B.Assign(products.Payload[31, 0]);
        var sumTag = Wire.Of(PeSumTag.Shape, "sum_tag_in");
        sumTag.Result.Assign(tag.LastInput);
        sumTag.Final.Assign(tag.Final);
        When(joinFire, () => adderTag.Assign(sumTag.AsBits()));
        products.Ready.Assign(joinFire);
        // Whether the skid register will be empty next cycle (the skid stage's own next state): the main
        // register frees, or neither the skid nor the multiplier's output holds a product.
        issueRoom.Assign(joinFire | !products.Valid | (tagged.Ready & !multiplier.Output.Valid));
        Biases.Ready.Assign(joinFire & startsAtBias & tag.RowEnd);
        BiasesDone.Assign(joinFire & startsAtBias & tag.RowEnd & tag.SlotEnd);

        // The adder's packed sum goes through a register on its way to the block RAM: the pack stage's
        // saturation and flush logic and the RAM's write-data setup do not fit one cycle at 150 MHz.
        var sumValid = Reg.Bool(reset: false, name: "sum_valid");
        sumValid.Assign(adder.Output.Valid);
        var sumWord = Reg.UInt(32 + sumTagWidth, reset: null, name: "sum_word");
        sumWord.Assign(Hw.Cat(adder.OutputTag!, adder.Output.Payload));
        sums.Push.Valid.Assign(sumValid);
        sums.Push.Payload.Assign(sumWord);
        adder.Output.Ready.Assign(true);

        // ---- results: the finished sums, from the queue's head ---------------------------------
        Results.Valid.Assign(head.Valid & headIsResult);
        Results.Payload.Assign(head.Payload[31, 0]);
        Results.Last!.Assign(headTag.Final);
        head.Ready.Assign(Hw.Mux(headIsResult, Results.Ready, joinFire & !startsAtBias));

        CirculationLatency = issue.Latency + multiplier.Latency + 1 + 1 + adder.Latency + 1 + BlockRamQueue.Latency + 1;
    }

    public PeConfig Config { get; }

    /// <summary>
    /// Tiles whose results may wait in the sums queue at once: at most 3, and with the K·B partial sums
    /// of the tile being computed no more than the queue's <see cref="BlockRamQueue.Capacity"/>.
    /// </summary>
    public int PendingTiles => Math.Min(3, BlockRamQueue.Capacity / Config.Accumulators - 1);

    /// <summary>
    /// Cycles from issuing a multiply-add to the moment its sum can be read back from the
    /// accumulator queue, with nothing stalled: the issue stage, the multiplier, the products'
    /// skid stage, the adder's input stage, the adder, the register after it, the block-RAM queue and the register at its head. With K·B at least this, the PE does one
    /// multiply-add per cycle while its streams keep up.
    /// </summary>
    public int CirculationLatency { get; }

    private static int BitsFor(int count)
    {
        var bits = 1;
        while ((1 << bits) < count) bits++;
        return bits;
    }
}
