using Zfpe.Hdl;

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
/// reassembles the block; ForwardLift (<see cref="ForwardLift"/>, 6 stages); Negabinary (1);
/// PayloadWindow (1, the output register). Throughput: <c>lanes</c> values per cycle whenever
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

        // ---- pipeline stages, from the input to the output -----------------------------------
        var domainStage = PipelineStage.Declare(Reg, Wire, "domain");
        var align = PipelineStage.Declare(Reg, Wire, "fixed_point_align");
        var shift = PipelineStage.Declare(Reg, Wire, "fixed_point_shift");
        var sign = PipelineStage.Declare(Reg, Wire, "fixed_point_sign");
        var lift = Enumerable.Range(1, ForwardLift.Stages).Select(i => PipelineStage.Declare(Reg, Wire, $"forward_lift_l{i}")).ToList();
        var negabinary = PipelineStage.Declare(Reg, Wire, "negabinary");
        var window = PipelineStage.Declare(Reg, Wire, "payload_window");

        // ---- Domain: NaN -> 0, ±Inf -> ±FLT_MAX (§3 step 1), registered --------------------------
        // The stage also halves the search for the block's largest exponent field (pairs of
        // values), so that the slot buffer needs one comparison per beat.
        var domain = new UInt[lanes];
        var exponentFields = new UInt[lanes];
        Bool anyNonFinite = Hw.False;
        for (var l = 0; l < lanes; l++)
        {
            var word = Values.Payload[32 * l + 31, 32 * l];
            var special = word[30, 23] == 255;
            var nan = special & (word[22, 0] != 0);
            var replaced = Hw.Mux(nan, Hw.U(0, 32), Hw.Mux(special, Hw.Cat(word[31], Hw.U(0x7F7FFFFF, 31)), word));
            domain[l] = Reg.Next(replaced, reset: null, enable: domainStage.Load, name: $"domain_{l}");
            exponentFields[l] = replaced[30, 23];
            anyNonFinite |= special;
        }
        var pairLargest = new UInt[lanes / Math.Min(2, perCycle)];
        for (var i = 0; i < pairLargest.Length; i++)
            pairLargest[i] = Reg.Next(perCycle == 1 ? exponentFields[i] : Max(exponentFields[2 * i], exponentFields[2 * i + 1]), reset: null, enable: domainStage.Load, name: $"domain_largest_field_{i}");
        var domainLast = Reg.Next(Values.Last!, reset: null, enable: domainStage.Load, name: "domain_last");
        Values.Ready.Assign(domainStage.Load);

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
        var collectLargest = Enumerable.Range(0, groups).Select(g => slots > 1 ? Reg.UInt(8, reset: null, name: $"collect_largest_field_{g}") : Hw.U(0, 8)).ToList();

        var readFire = Wire.Bool("read_fire");
        readFire.Assign(readBusy & align.Load);
        var readFinishing = slots == 1 ? readFire : readFire & (readSlot == slots - 1);
        var readerFree = !readBusy | readFinishing;
        var completes = slots == 1 ? Hw.True : (writeSlot == slots - 1) | domainLast;
        var slotFree = !readBusy | (readSlot > writeSlot) | ((readSlot == writeSlot) & readFire) | (writeSlot > readLastSlot);
        var writeReady = Wire.Bool("write_ready");
        writeReady.Assign(slots == 1 ? readerFree : Hw.Mux(completes, readerFree, slotFree));
        domainStage.Link(Values.Valid, writeReady);
        var writeFire = Wire.Bool("write_fire");
        writeFire.Assign(domainStage.Valid & writeReady);

        var storage = new UInt[slots, lanes];
        for (var s = 0; s < slots; s++)
            for (var l = 0; l < lanes; l++)
                storage[s, l] = Reg.Next(domain[l], reset: null, enable: slots == 1 ? writeFire : writeFire & (writeSlot == s), name: $"slot_{s}_value_{l}");

        var largest = new UInt[groups];
        for (var g = 0; g < groups; g++)
        {
            var pairs = Math.Max(1, perCycle / 2);
            var beatLargest = Enumerable.Range(g * pairs, pairs).Select(i => pairLargest[i]).Aggregate(Max);
            largest[g] = Wire.UInt(8, $"largest_field_{g}");
            largest[g].Assign(slots == 1 ? beatLargest : Max(Hw.Mux(writeSlot == 0, Hw.U(0, 8), collectLargest[g]), beatLargest));
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
                for (var g = 0; g < groups; g++) collectLargest[g].Assign(largest[g]);
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

        var nonFinite = Reg.Bool(reset: false, name: "non_finite_seen");
        When(ClearStatus, () => nonFinite.Assign(false));
        When(Values.Fire & anyNonFinite, () => nonFinite.Assign(true));
        NonFinite.Assign(nonFinite);

        // ---- FixedPoint: one shifter per lane ---------------------------------------------------
        var fixedPoint = new SInt[lanes];
        for (var l = 0; l < lanes; l++)
        {
            var inSlot = slots == 1 ? storage[0, l] : Hw.Select(readSlot, Enumerable.Range(0, slots).Select(s => storage[s, l]).ToList());
            // Slots past the last beat of a stream's final block read as +0.0 (the padding).
            var value = slots == 1 ? inSlot : Hw.Mux(readSlot > readLastSlot, Hw.U(0, 32), inSlot);
            var unit = Instance(new FloatToFixed(), $"fixed_point_{l}");
            unit.Value.Assign(value);
            unit.LargestField.Assign(readLargest[l / perCycle]);
            unit.LoadAlign.Assign(align.Load);
            unit.LoadShift.Assign(shift.Load);
            unit.LoadSign.Assign(sign.Load);
            fixedPoint[l] = unit.FixedPoint;
        }
        // The block's side information follows its values through the three stages.
        UInt Carry3(UInt v, string name) =>
            Reg.Next(Reg.Next(Reg.Next(v, reset: null, enable: align.Load, name: $"{name}_align"), reset: null, enable: shift.Load, name: $"{name}_shift"),
                reset: null, enable: sign.Load, name: $"{name}_sign");
        var slotAtSign = slots > 1 ? Carry3(readSlot, "slot") : Hw.U(0, 1);
        var lastAtSign = Carry3(readStreamLast.AsUInt(), "stream_last")[0];
        var largestAtSign = Enumerable.Range(0, groups).Select(g => Carry3(readLargest[g], $"largest_field_{g}")).ToList();

        // ---- gather: the slots of a block side by side again ----------------------------------
        var finalSlot = slots == 1 ? Hw.True : slotAtSign == slots - 1;
        var gathered = new UInt[Math.Max(0, slots - 1), lanes];
        for (var s = 0; s < slots - 1; s++)
            for (var l = 0; l < lanes; l++)
                gathered[s, l] = Reg.Next(fixedPoint[l].AsUInt(), reset: null, enable: sign.Valid & (slotAtSign == s), name: $"gather_{s}_q_{l}");
        SInt Coefficient(int g, int k)
        {
            int s = k / perCycle, l = g * perCycle + k % perCycle;
            return s == slots - 1 ? fixedPoint[l] : gathered[s, l].AsSInt();
        }

        align.Link(readBusy, shift.Load);
        shift.Link(align.Valid, sign.Load);
        sign.Link(shift.Valid, slots == 1 ? lift[0].Load : Hw.Mux(finalSlot, lift[0].Load, Hw.True));
        lift[0].Link(sign.Valid & finalSlot, lift[1].Load);
        for (var i = 1; i < lift.Count - 1; i++) lift[i].Link(lift[i - 1].Valid, lift[i + 1].Load);
        lift[^1].Link(lift[^2].Valid, negabinary.Load);
        negabinary.Link(lift[^1].Valid, window.Load);
        window.Link(negabinary.Valid, Blocks.Ready);

        // E = largest field + 1, or 0 for the zero block (§3 step 2).
        var exponentAtLift = largestAtSign.Select(f => Hw.Mux(f == 0, Hw.U(0, 8), f + 1)).ToList();
        // E travels beside the coefficients up to Negabinary (PayloadWindow packs it), last up to the output.
        var exponent = exponentAtLift.ToArray();
        var streamLast = lastAtSign;
        for (var i = 0; i < lift.Count + 2; i++)
        {
            var load = i < lift.Count ? lift[i].Load : i == lift.Count ? negabinary.Load : window.Load;
            var tag = i < lift.Count ? $"l{i + 1}" : i == lift.Count ? "negabinary" : "window";
            if (i <= lift.Count)
                for (var g = 0; g < groups; g++)
                    exponent[g] = Reg.Next(exponent[g], reset: null, enable: load, name: $"exponent_{g}_{tag}");
            streamLast = Reg.Next(streamLast, reset: null, enable: load, name: $"stream_last_{tag}");
        }

        // ---- ForwardLift, Negabinary, PayloadWindow per block lane ----------------------------
        var blockBits = new UInt[groups];
        var liftedAll = new List<HdlValue>();
        var negabinaryAll = new List<HdlValue>();
        var fixedAll = new List<HdlValue>();
        for (var g = 0; g < groups; g++)
        {
            var fl = Instance(new ForwardLift(), $"forward_lift_{g}");
            fl.X.Assign(Coefficient(g, 0));
            fl.Y.Assign(Coefficient(g, 1));
            fl.Z.Assign(Coefficient(g, 2));
            fl.W.Assign(Coefficient(g, 3));
            for (var i = 0; i < ForwardLift.Stages; i++) fl.Loads[i].Assign(lift[i].Load);
            SInt[] lifted = [fl.LiftedX, fl.LiftedY, fl.LiftedZ, fl.LiftedW];

            var fields = new List<HdlValue>();
            for (var k = 0; k < ZfpeCoreConfig.BlockSize; k++)
            {
                // Negabinary (§3 step 5): (q + 0xAAAAAAAA) ^ 0xAAAAAAAA.
                var u = Reg.Next((lifted[k].AsUInt() + NegabinaryMask) ^ NegabinaryMask, reset: null, enable: negabinary.Load, name: $"negabinary_{g}_{k}");
                // PayloadWindow (§3 step 6): the high window when u >> split != 0.
                var flag = u[31, split].OrReduce();
                var low = u[split - 1, split - b];
                var high = u[31, 32 - b];
                fields.Insert(0, Hw.Cat(Hw.Mux(flag, high, low), flag));
                negabinaryAll.Insert(0, u);
                liftedAll.Insert(0, lifted[k]);
                fixedAll.Insert(0, Coefficient(g, k));
            }
            var e = config.ExponentBits == 8 ? exponent[g] : exponent[g].ZeroExtend(config.ExponentBits);
            blockBits[g] = Hw.Cat([.. fields, e]);
        }
        var packed = Reg.Next(Hw.Cat(blockBits.Reverse().ToArray<HdlValue>()), reset: null, enable: window.Load, name: "packed_blocks");
        Blocks.Valid.Assign(window.Valid);
        Blocks.Payload.Assign(packed);
        Blocks.Last!.Assign(streamLast);

        if (config.DebugPorts)
        {
            DebugFixedPointValid = Out.Bool("dbg_fixed_point_valid");
            DebugFixedPoint = Out.UInt(128 * groups, "dbg_fixed_point");
            DebugBlockExponent = Out.UInt(8 * groups, "dbg_block_exponent");
            DebugLiftedValid = Out.Bool("dbg_lifted_valid");
            DebugLifted = Out.UInt(128 * groups, "dbg_lifted");
            DebugNegabinaryValid = Out.Bool("dbg_negabinary_valid");
            DebugNegabinary = Out.UInt(128 * groups, "dbg_negabinary");
            DebugFixedPointValid.Assign(sign.Valid & finalSlot & lift[0].Load);
            DebugFixedPoint.Assign(Hw.Cat([.. fixedAll]));
            DebugBlockExponent.Assign(Hw.Cat(largestAtSign.Select(f => (HdlValue)Hw.Mux(f == 0, Hw.U(0, 8), f + 1)).Reverse().ToArray()));
            DebugLiftedValid.Assign(lift[^1].Leaving(negabinary.Load));
            DebugLifted.Assign(Hw.Cat([.. liftedAll]));
            DebugNegabinaryValid.Assign(negabinary.Leaving(window.Load));
            DebugNegabinary.Assign(Hw.Cat([.. negabinaryAll]));
        }
    }

    public ZfpeCoreConfig Config { get; }

    /// <summary>Cycles from the input beat that completes a block to the output beat carrying it: <see cref="LatencyOf"/>.</summary>
    public int Latency => LatencyOf(Config);

    /// <summary>
    /// Cycles from the input beat that completes a block (it fires in cycle t) to the output
    /// beat carrying that block (valid in cycle t + latency), with the consumer ready: 1 (Domain)
    /// + 1 (slot buffer) + slots (reading the block, 4 / min(lanes, 4)) + 3 (FixedPoint)
    /// + 6 (ForwardLift) + 1 (Negabinary) + 1 (PayloadWindow) - 1 (the last slot's read overlaps
    /// the first FixedPoint stage) = slots + 12: 16 at 1 lane, 14 at 2, 13 at 4 and 8.
    /// </summary>
    public static int LatencyOf(ZfpeCoreConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        return config.Slots + 12;
    }

    private static UInt Max(UInt a, UInt b) => Hw.Mux(a > b, a, b);
}
