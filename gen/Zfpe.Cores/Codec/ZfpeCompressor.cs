using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Pipelines;

namespace Zfpe.Cores.Codec;

/// <summary>
/// The ZFPe compressor (docs/zfpe-format.md §3): a stream of float32 values, <c>lanes</c> per beat
/// (value i in payload bits [32i+31:32i]), in; a stream of blocks (block j of a beat in bits
/// [j·BlockBits + BlockBits − 1 : j·BlockBits], every field at its §3 step 7 offset) out, one
/// block per 4 values (two per beat at 8 lanes), <c>last</c> on the beat of the final block.
/// A <c>last</c> input beat that ends mid-block completes the block with +0.0, as the reference
/// pads. NaN and ±Inf become 0 and ±FLT_MAX and set the sticky <c>non_finite</c> output until
/// <c>clear_status</c> is raised (a non-finite value arriving in that same cycle sets it again).
/// </summary>
/// <remarks>
/// Stages, named as in the spec and the reference: Domain (1 register stage);
/// BlockExponent (a slot buffer of one block that collects the values and their largest
/// exponent field, then is read slot by slot, while the next block fills the slots already
/// read); FixedPoint (<see cref="FloatToFixed"/>, one per lane, 3 stages); a gather register that
/// reassembles the block; ForwardLift (<see cref="ForwardLift"/>, 6 stages); with rounding
/// <c>truncate</c> Negabinary (1), with <c>nearest</c> the comparisons of
/// <see cref="NearestPayloadWindow"/> instead (1); PayloadWindow (1, the output register). Throughput: <c>lanes</c> values per cycle whenever
/// the consumer is ready. Latency: see <see cref="LatencyOf"/>. <c>values_ready</c> depends
/// combinationally on <c>blocks_ready</c> (the stages collapse bubbles); put a skid buffer
/// after the core where that path must be cut.
/// </remarks>
public sealed class ZfpeCompressor : Component
{
    private const uint NegabinaryMask = 0xAAAAAAAAu;

    public readonly Stream<UInt> Values;
    public readonly Stream<UInt> Blocks;
    public readonly Bool NonFinite;
    public readonly Bool ClearStatus;

    // Debug outputs (only with DebugPorts): a strobe when a block leaves the named stage, and
    // the block's values there, block lane j's coefficient k at bits [32(4j+k)+31 : 32(4j+k)].
    public readonly Bool? DebugFixedPointValid;
    public readonly UInt? DebugFixedPoint;
    public readonly UInt? DebugBlockExponent;
    public readonly Bool? DebugLiftedValid;
    public readonly UInt? DebugLifted;
    public readonly Bool? DebugNegabinaryValid;
    public readonly UInt? DebugNegabinary;

    public ZfpeCompressor(ZfpeCoreConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Params(config);

        int lanes = config.Lanes, groups = config.BlockLanes, perCycle = config.ValuesPerCycle, slots = config.Slots;
        int b = config.B, split = config.Split;
        int slotBits = Math.Max(1, (int)Math.Log2(slots));

        Values = In.Stream(32 * lanes, withLast: true, name: "values");
        Blocks = Out.Stream(groups * config.BlockBits, withLast: true, name: "blocks");
        NonFinite = Out.Bool("non_finite");
        ClearStatus = In.Bool("clear_status");

        // ---- Domain: NaN -> 0, ±Inf -> ±FLT_MAX (§3 step 1), registered --------------------------
        // The next stage finds the largest exponent field of each pair of values, and at 4 and 8
        // lanes a third that of each block's beat, so that the slot buffer needs one comparison per beat.
        var domainPipe = new Pipeline("domain");
        var arrive = domainPipe.Begin(Values);
        var raw = new PipelineValue<UInt>[lanes];
        var nans = new PipelineValue<Bool>[lanes];
        var specials = new PipelineValue<Bool>[lanes];
        var domainFields = new PipelineValue<UInt>[lanes];
        for (var l = 0; l < lanes; l++)
        {
            // The word is registered as it came, beside its flags (NaN; exponent field 255, NaN or
            // ±Inf); the replacement follows the register (see below).
            var word = Values.Payload[32 * l + 31, 32 * l];
            var special = word[30, 23] == 255;
            var nan = special & (word[22, 0] != 0);
            raw[l] = arrive.Let($"word_{l}", word);
            nans[l] = arrive.Let($"nan_{l}", nan);
            specials[l] = arrive.Let($"special_{l}", special);
            // The exponent field after the replacement (NaN 0, ±Inf 254), registered on its own for
            // the comparisons of the next stage: read from the replaced word, the NaN flag's routing
            // to the 31 bits it masks came before the comparison's carry chain (lanes 2 and 4, b 9).
            domainFields[l] = arrive.Let($"field_{l}", Hw.Cat(word[30, 24] & Hw.Repeat(!nan, 7), word[23] & !special));
        }
        var inputLast = arrive.Let("input_last", Values.Last!);
        // Before the pair and beat stages the Domain stages move in lockstep (one load for the run:
        // at 4 lanes the flat ORs were mapped as a chain of loads, each driving 32 × 4 clock enables).
        var domainStage = perCycle > 1 ? domainPipe.LockstepStage("domain") : domainPipe.Stage("domain");
        // NaN -> 0 and ±Inf (exponent 255, fraction 0) -> ±FLT_MAX (clear bit 23, set the
        // fraction), written as AND/OR masks of registered flags. As a multiplexer with a constant
        // in front of the stage's registers, Yosys made the NaN case a synchronous reset gated by
        // the stage's load (the slot buffer's write_ready) on the LSR pins of every word bit; with
        // the flags computed in the same cone, ABC copied the 23-bit NaN test into every bit.
        var words = new PipelineValue<UInt>[lanes];
        for (var l = 0; l < lanes; l++)
        {
            var word = raw[l][domainStage];
            var keep = !nans[l][domainStage];
            var special = specials[l][domainStage];
            words[l] = domainStage.Let($"domain_word_{l}", Hw.Cat(
                word[31, 24] & Hw.Repeat(keep, 8),
                word[23] & !special,
                (word[22, 0] | Hw.Repeat(special, 23)) & Hw.Repeat(keep, 23)));
        }
        // At one lane the beat's field is the value's; at two, the larger of a pair (one comparison
        // in its own stage); at four and eight, the larger of two pairs (another stage).
        var beatStage = domainStage;
        var beatLargest = Enumerable.Range(0, groups).Select(g => domainStage.Let($"beat_largest_field_{g}", domainFields[g][domainStage])).ToList();
        if (perCycle > 1)
        {
            var pairs = Enumerable.Range(0, lanes / 2).Select(i => domainStage.Let($"pair_largest_field_{i}",
                Max(domainFields[2 * i][domainStage], domainFields[2 * i + 1][domainStage]))).ToList();
            beatStage = perCycle > 2 ? domainPipe.LockstepStage("pair_largest") : domainPipe.Stage("pair_largest");
            if (perCycle > 2)
            {
                var pairStage = beatStage;
                beatStage = domainPipe.Stage("beat_largest");
                pairs = Enumerable.Range(0, groups).Select(g => pairStage.Let($"quad_largest_field_{g}", Max(pairs[2 * g][pairStage], pairs[2 * g + 1][pairStage]))).ToList();
            }
            beatLargest = pairs;
        }
        var writeReady = Wire.Bool("write_ready");
        domainPipe.End(beatStage, writeReady);
        var domain = words.Select(w => w[beatStage]).ToArray();
        var domainLast = inputLast[beatStage];

        // ---- BlockExponent: the slot buffer ----------------------------------------------------
        // Slot s holds beat s of the block being collected or of the block being read; the
        // writer may fill a slot once the reader has passed it, so one block of storage suffices.
        var readBusy = Reg.Bool(reset: false, name: "read_busy");
        // With one slot per block (4 and 8 lanes) the buffer is a plain pipeline register.
        var readSlot = slots > 1 ? Reg.UInt(slotBits, reset: 0, name: "read_slot") : Hw.U(0, 1);
        var readLastSlot = slots > 1 ? Reg.UInt(slotBits, reset: null, name: "read_last_slot") : Hw.U(0, 1);
        var readStreamLast = Reg.Bool(reset: null, name: "read_stream_last");
        var readLargest = Enumerable.Range(0, groups).Select(g => Reg.UInt(8, reset: null, name: $"read_largest_field_{g}")).ToList();
        var writeSlot = slots > 1 ? Reg.UInt(slotBits, reset: 0, name: "write_slot") : Hw.U(0, 1);
        // The largest field of the beats collected so far, 0 before a block's first beat (so that no
        // multiplexer precedes the comparison).
        var collectLargest = Enumerable.Range(0, groups).Select(g => slots > 1 ? Reg.UInt(8, reset: 0, name: $"collect_largest_field_{g}") : Hw.U(0, 8)).ToList();

        // The reader hands slots to the FixedPoint pipeline, whose first stage is a skid stage:
        // its ready is a register, so the writer's ready does not wait for the output's.
        var readReady = Wire.Bool("read_ready");
        var readFire = Wire.Bool("read_fire");
        readFire.Assign(readBusy & readReady);
        var readFinishing = slots == 1 ? readFire : readFire & (readSlot == slots - 1);
        var readerFree = !readBusy | readFinishing;
        var completes = slots == 1 ? Hw.True : (writeSlot == slots - 1) | domainLast;
        var slotFree = !readBusy | (readSlot > writeSlot) | ((readSlot == writeSlot) & readFire) | (writeSlot > readLastSlot);
        writeReady.Assign(slots == 1 ? readerFree : Hw.Mux(completes, readerFree, slotFree));
        var writeFire = Wire.Bool("write_fire");
        writeFire.Assign(beatStage.Valid & writeReady);

        var storage = new UInt[slots, lanes];
        for (var s = 0; s < slots; s++)
            for (var l = 0; l < lanes; l++)
                storage[s, l] = Reg.Next(domain[l], reset: null, enable: slots == 1 ? writeFire : writeFire & (writeSlot == s), name: $"slot_{s}_value_{l}");

        var largest = new UInt[groups];
        for (var g = 0; g < groups; g++)
        {
            var beat = beatLargest[g][beatStage];
            largest[g] = Wire.UInt(8, $"largest_field_{g}");
            largest[g].Assign(slots == 1 ? beat : Max(collectLargest[g], beat));
        }

        When(readFire, () =>
        {
            if (slots > 1) readSlot.Assign(readSlot + 1);
            When(readFinishing, () => readBusy.Assign(false));
        });
        When(writeFire, () =>
        {
            if (slots > 1)
            {
                for (var g = 0; g < groups; g++) collectLargest[g].Assign(Hw.Mux(completes, Hw.U(0, 8), largest[g]));
                writeSlot.Assign(Hw.Mux(completes, Hw.U(0, slotBits), writeSlot + 1));
            }
            When(completes, () =>
            {
                readBusy.Assign(true);
                if (slots > 1)
                {
                    readSlot.Assign(0UL);
                    readLastSlot.Assign(writeSlot);
                }
                readStreamLast.Assign(domainLast);
                for (var g = 0; g < groups; g++) readLargest[g].Assign(largest[g]);
            });
        });

        // The sticky status, from the Domain stage's registered flags: "arrived" is high in the
        // cycle after a beat with a NaN or ±Inf was taken, and shows on the output at once, so
        // non_finite rises in the same cycle as before; a clear_status in the cycle the beat is
        // taken clears the register, which "arrived" sets again. (Set from the input beat, the
        // register's clock enable waited for values_ready, the Domain loads' OR.)
        var fresh = Reg.Next(Values.Fire, reset: 0, name: "domain_fresh");
        Bool domainNonFinite = Hw.False;
        for (var l = 0; l < lanes; l++) domainNonFinite |= specials[l][domainStage];
        var arrived = Wire.Bool("non_finite_arrived");
        arrived.Assign(fresh & domainNonFinite);
        var nonFinite = Reg.Bool(reset: false, name: "non_finite_seen");
        When(arrived, () => nonFinite.Assign(true));
        When(ClearStatus, () => nonFinite.Assign(false));
        NonFinite.Assign(nonFinite | arrived);

        // ---- FixedPoint: one shifter per lane, the slots of a block one per cycle ---------------
        var fixedPipe = new Pipeline("fixed_point");
        var slotOut = fixedPipe.Begin(readBusy, readReady);
        var slotValues = new PipelineValue<UInt>[lanes];
        for (var l = 0; l < lanes; l++)
        {
            var inSlot = slots == 1 ? storage[0, l] : Hw.Select(readSlot, Enumerable.Range(0, slots).Select(s => storage[s, l]).ToList());
            // Slots past the last beat of a stream's final block read as +0.0 (the padding).
            slotValues[l] = slotOut.Let($"slot_value_{l}", slots == 1 ? inSlot : Hw.Mux(readSlot > readLastSlot, Hw.U(0, 32), inSlot));
        }
        var blockLargest = Enumerable.Range(0, groups).Select(g => slotOut.Let($"block_largest_field_{g}", readLargest[g])).ToList();
        var slotIndex = slotOut.Let("slot", slots > 1 ? readSlot : Hw.U(0, 1));
        var blockLast = slotOut.Let("block_last", readStreamLast);
        var read = fixedPipe.SkidStage("read");
        // The magnitude stage is a skid stage too: it cuts the ready path from the output through
        // the ForwardLift stages and the FixedPoint stages into two shallow ones (there rather than
        // at q, so that its multiplexer follows the fine shift, not the negation's carry chain).
        // The exponent, distance and coarse stages move in lockstep with it: their load is its
        // registered ready. (As plain stages, the flat ORs of their loads were mapped as a chain,
        // each load driving the clock enables of every lane; at 4 lanes a skid stage at distance
        // cut it, but its multiplexer followed the distance subtraction's carry chain.)
        var fixedStages = new List<PipelineStage>
        {
            fixedPipe.LockstepStage("exponent"),
            fixedPipe.LockstepStage("distance"),
            fixedPipe.LockstepStage("coarse"),
        };
        fixedStages.Add(fixedPipe.SkidStage("magnitude"));
        fixedStages.Add(fixedPipe.Stage("fixed"));
        var fixedStage = fixedStages[^1];
        var q = Enumerable.Range(0, lanes).Select(l => FloatToFixed.Build(read, fixedStages, $"lane_{l}", slotValues[l], blockLargest[l / perCycle])).ToArray();

        // ---- gather: the slots of a block side by side again ----------------------------------
        var finalSlot = slots == 1 ? Hw.True : slotIndex[fixedStage] == slots - 1;
        var gathered = new UInt[Math.Max(0, slots - 1), lanes];
        for (var s = 0; s < slots - 1; s++)
            for (var l = 0; l < lanes; l++)
                gathered[s, l] = Reg.Next(q[l][fixedStage].AsUInt(), reset: null, enable: fixedStage.Valid & (slotIndex[fixedStage] == s), name: $"gather_{s}_q_{l}");
        SInt Coefficient(int g, int k)
        {
            int s = k / perCycle, l = g * perCycle + k % perCycle;
            return s == slots - 1 ? q[l][fixedStage] : gathered[s, l].AsSInt();
        }
        var liftReady = Wire.Bool("lift_ready");
        fixedPipe.End(fixedStage, !finalSlot | liftReady);

        // ---- ForwardLift, Negabinary, PayloadWindow per block lane ----------------------------
        var liftPipe = new Pipeline("forward_lift");
        var block = liftPipe.Begin(fixedStage.Valid & finalSlot, liftReady);
        // E = largest field + 1, or 0 for the zero block (§3 step 2).
        var exponentNow = blockLargest.Select(f => Hw.Mux(f[fixedStage] == 0, Hw.U(0, 8), f[fixedStage] + 1)).ToList();
        var exponent = Enumerable.Range(0, groups).Select(g => block.Let($"exponent_{g}", exponentNow[g])).ToList();
        var streamLast = block.Let("stream_last", blockLast[fixedStage]);
        var coefficients = new PipelineValue<SInt>[groups, ZfpeCoreConfig.BlockSize];
        for (var g = 0; g < groups; g++)
            for (var k = 0; k < ZfpeCoreConfig.BlockSize; k++)
                coefficients[g, k] = block.Let($"fixed_point_{g}_{k}", Coefficient(g, k));
        // The lift and negabinary stages move in lockstep with the output register: one load net for
        // the run, one gate from the output's valid and ready. (As plain stages, the flat ORs of their
        // valid bits were mapped as a chain of loads l6 -> l3 -> ..., each a high-fanout net, back
        // to the magnitude skid stage: the critical path at lanes 2 and 4, b 9.)
        var lift = Enumerable.Range(1, ForwardLift.Stages).Select(i => liftPipe.LockstepStage($"l{i}")).ToList();
        // Truncate: Negabinary, then the field is a slice of u. Nearest: the comparisons of
        // NearestPayloadWindow in the same place, then its payload adders.
        var nearest = config.Rounding == PayloadRounding.Nearest;
        var beforeWindow = liftPipe.LockstepStage(nearest ? "nearest" : "negabinary");
        var window = liftPipe.Stage("payload_window");

        var blockBits = new UInt[groups];
        var liftedAll = new List<HdlValue>();
        var negabinaryAll = new List<HdlValue>();
        var fixedAll = new List<HdlValue>();
        for (var g = 0; g < groups; g++)
        {
            var (x, y, z, w) = ForwardLift.Build(block, lift, $"lift_{g}", coefficients[g, 0], coefficients[g, 1], coefficients[g, 2], coefficients[g, 3]);
            PipelineValue<SInt>[] lifted = [x, y, z, w];
            var fields = new List<HdlValue>();
            for (var k = 0; k < ZfpeCoreConfig.BlockSize; k++)
            {
                var coefficient = lifted[k][lift[^1]];
                liftedAll.Insert(0, coefficient);
                fixedAll.Insert(0, Coefficient(g, k));
                // Negabinary (§3 step 5): (q + 0xAAAAAAAA) ^ 0xAAAAAAAA; with nearest rounding only for the debug port.
                UInt? u = !nearest || config.DebugPorts
                    ? lift[^1].Let($"negabinary_{g}_{k}", (coefficient.AsUInt() + NegabinaryMask) ^ NegabinaryMask)[beforeWindow]
                    : null;
                if (u is not null) negabinaryAll.Insert(0, u);
                if (nearest)
                {
                    fields.Insert(0, NearestPayloadWindow.Build(lift[^1], beforeWindow, $"nearest_{g}_{k}", lifted[k], b, split));
                    continue;
                }
                // PayloadWindow (§3 step 6): the high window when u >> split != 0.
                var flag = u![31, split].OrReduce();
                var low = u[split - 1, split - b];
                var high = u[31, 32 - b];
                fields.Insert(0, Hw.Cat(Hw.Mux(flag, high, low), flag));
            }
            var e = exponent[g][beforeWindow];
            blockBits[g] = Hw.Cat([.. fields, config.ExponentBits == 8 ? e : e.ZeroExtend(config.ExponentBits)]);
        }
        var packed = beforeWindow.Let("packed_blocks", Hw.Cat(blockBits.Reverse().ToArray<HdlValue>()));
        liftPipe.End(Blocks, window, s => packed[s], lastBeat: s => streamLast[s]);

        if (config.DebugPorts)
        {
            DebugFixedPointValid = Out.Bool("dbg_fixed_point_valid");
            DebugFixedPoint = Out.UInt(128 * groups, "dbg_fixed_point");
            DebugBlockExponent = Out.UInt(8 * groups, "dbg_block_exponent");
            DebugLiftedValid = Out.Bool("dbg_lifted_valid");
            DebugLifted = Out.UInt(128 * groups, "dbg_lifted");
            DebugNegabinaryValid = Out.Bool("dbg_negabinary_valid");
            DebugNegabinary = Out.UInt(128 * groups, "dbg_negabinary");
            DebugFixedPointValid.Assign(fixedStage.Valid & finalSlot & liftReady);
            DebugFixedPoint.Assign(Hw.Cat([.. fixedAll]));
            DebugBlockExponent.Assign(Hw.Cat(exponentNow.Select(e => (HdlValue)e).Reverse().ToArray()));
            DebugLiftedValid.Assign(lift[^1].Leaving);
            DebugLifted.Assign(Hw.Cat([.. liftedAll]));
            DebugNegabinaryValid.Assign(beforeWindow.Leaving);
            DebugNegabinary.Assign(Hw.Cat([.. negabinaryAll]));
        }
        Latency = domainPipe.Latency + 1 + slots + fixedPipe.Latency + liftPipe.Latency - 1;
        if (Latency != LatencyOf(config)) throw new InvalidOperationException($"compressor latency {Latency} is not the documented {LatencyOf(config)}");
    }

    public ZfpeCoreConfig Config { get; }

    /// <summary>Cycles from the input beat that completes a block to the output beat carrying it: <see cref="LatencyOf"/>.</summary>
    public int Latency { get; }

    /// <summary>
    /// Cycles from the input beat that completes a block (it fires in cycle t) to the output
    /// beat carrying that block (valid in cycle t + latency), with the consumer ready: Domain
    /// (1 stage at one lane, 2 at two lanes, 3 at four and eight: the largest field of pairs and
    /// of the beat) + 1 (slot buffer) + slots (reading the block, 4 / min(lanes, 4)) + 6 (FixedPoint:
    /// read, exponent, distance, coarse, magnitude, fixed) + 6 (ForwardLift) + 1 (Negabinary)
    /// + 1 (PayloadWindow) - 1 (the last slot's read overlaps the first FixedPoint stage):
    /// 19 at 1 lane, 18 at 2, 4 and 8, with either rounding (nearest's comparisons take
    /// Negabinary's stage: <see cref="NearestPayloadWindow.Stages"/>).
    /// </summary>
    public static int LatencyOf(ZfpeCoreConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var domainStages = config.ValuesPerCycle switch { 1 => 1, 2 => 2, _ => 3 };
        var rounding = config.Rounding == PayloadRounding.Nearest ? NearestPayloadWindow.Stages - 1 : 0;
        return domainStages + config.Slots + 14 + rounding;
    }

    private static UInt Max(UInt a, UInt b) => Hw.Mux(a > b, a, b);
}
