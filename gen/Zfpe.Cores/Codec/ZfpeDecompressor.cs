using Zfpe.Hdl;

namespace Zfpe.Cores.Codec;

/// <summary>
/// The ZFPe decompressor (docs/zfpe-format.md §4): a stream of blocks in (block j of a beat in bits
/// [j·BlockBits + BlockBits − 1 : j·BlockBits]; two per beat at 8 lanes), a stream of float32
/// values out, <c>lanes</c> per beat in the original order (value i in bits [32i+31:32i]),
/// <c>last</c> on the final beat of a block that came with <c>last</c>. The zero block decodes
/// to +0; results below 2^-126 flush to ±0 and above FLT_MAX saturate to ±FLT_MAX.
/// </summary>
/// <remarks>
/// Stages, named as in the spec and the reference: InversePayloadWindow and InverseNegabinary
/// (one register stage: a 2:1 window multiplexer and one add); InverseLift
/// (<see cref="InverseLift"/>, 6 stages); a scatter (a register stage below 4 lanes) that hands the block's values to the lanes
/// slot by slot; InverseFixedPoint (<see cref="FixedToFloat"/>, one per lane, 5 stages, the last
/// being the output register). Throughput: <c>lanes</c> values per cycle whenever the consumer
/// is ready. Latency: see <see cref="LatencyOf"/>. <c>blocks_ready</c> depends
/// combinationally on <c>values_ready</c> (the stages collapse bubbles).
/// </remarks>
public sealed class ZfpeDecompressor : Component
{
    private const uint NegabinaryMask = 0xAAAAAAAAu;

    public readonly Stream<UInt> Blocks;
    public readonly Stream<UInt> Values;

    // Debug outputs (only with DebugPorts): a strobe when a block leaves the named stage, and
    // its values there, block lane j's coefficient k at bits [32(4j+k)+31 : 32(4j+k)].
    public readonly Bool? DebugLiftedValid;
    public readonly UInt? DebugLifted;
    public readonly Bool? DebugFixedPointValid;
    public readonly UInt? DebugFixedPoint;
    public readonly UInt? DebugBlockExponent;

    public ZfpeDecompressor(ZfpeCoreConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Params(config);

        int lanes = config.Lanes, groups = config.BlockLanes, perCycle = config.ValuesPerCycle, slots = config.Slots;
        int b = config.B, split = config.Split, eb = config.ExponentBits;
        int slotBits = Math.Max(1, (int)Math.Log2(slots));

        Blocks = In.Stream(groups * config.BlockBits, withLast: true, name: "blocks");
        Values = Out.Stream(32 * lanes, withLast: true, name: "values");

        var coefficients = PipelineStage.Declare(Reg, Wire, "inverse_negabinary");
        var lift = Enumerable.Range(1, InverseLift.Stages).Select(i => PipelineStage.Declare(Reg, Wire, $"inverse_lift_l{i}")).ToList();
        var magnitude = PipelineStage.Declare(Reg, Wire, "inverse_fixed_point_magnitude");
        var coarse = PipelineStage.Declare(Reg, Wire, "inverse_fixed_point_coarse");
        var fine = PipelineStage.Declare(Reg, Wire, "inverse_fixed_point_fine");
        var round = PipelineStage.Declare(Reg, Wire, "inverse_fixed_point_round");
        var pack = PipelineStage.Declare(Reg, Wire, "inverse_fixed_point_pack");

        // ---- scatter: slot s of the block goes to the lanes in the s-th cycle -----------------
        // Below 4 lanes a register stage holds the chosen values, so that the multiplexer does
        // not sit in front of the magnitude adder (one add plus a 2:1 multiplexer per stage).
        var scatter = slots > 1 ? PipelineStage.Declare(Reg, Wire, "scatter") : null;
        var scatterSlot = slots > 1 ? Reg.UInt(slotBits, reset: 0, name: "scatter_slot") : Hw.U(0, 1);
        var scatterFinal = slots == 1 ? Hw.True : scatterSlot == slots - 1;
        var afterLift = scatter?.Load ?? magnitude.Load;
        if (slots > 1) When(lift[^1].Leaving(afterLift), () => scatterSlot.Assign(scatterSlot + 1));

        coefficients.Link(Blocks.Valid, lift[0].Load);
        Blocks.Ready.Assign(coefficients.Load);
        for (var i = 0; i < lift.Count - 1; i++) lift[i].Link(i == 0 ? coefficients.Valid : lift[i - 1].Valid, lift[i + 1].Load);
        lift[^1].Link(lift[^2].Valid, afterLift & scatterFinal);
        scatter?.Link(lift[^1].Valid, magnitude.Load);
        magnitude.Link((scatter ?? lift[^1]).Valid, coarse.Load);
        coarse.Link(magnitude.Valid, fine.Load);
        fine.Link(coarse.Valid, round.Load);
        round.Link(fine.Valid, pack.Load);
        pack.Link(round.Valid, Values.Ready);

        // ---- InversePayloadWindow, InverseNegabinary (§4 steps 2-3) ---------------------------
        var exponent = new UInt[groups];
        var fixedAll = new List<HdlValue>();
        var liftedAll = new List<HdlValue>();
        var fixedPoint = new SInt[groups, ZfpeCoreConfig.BlockSize];
        for (var g = 0; g < groups; g++)
        {
            var block = Blocks.Payload[(g + 1) * config.BlockBits - 1, g * config.BlockBits];
            var e = Reg.Next(block[eb - 1, 0], reset: null, enable: coefficients.Load, name: $"exponent_{g}_negabinary");
            var q = new SInt[ZfpeCoreConfig.BlockSize];
            for (var k = 0; k < ZfpeCoreConfig.BlockSize; k++)
            {
                var offset = config.CoefficientOffset(k);
                var flag = block[offset];
                var payload = block[offset + b, offset + 1];
                var high = Hw.Cat(payload, Hw.U(0, 32 - b));
                var low = split == b ? Hw.Cat(Hw.U(0, 32 - split), payload) : Hw.Cat(Hw.U(0, 32 - split), payload, Hw.U(0, split - b));
                var u = Wire.UInt(32, $"inverse_payload_window_{g}_{k}");
                u.Assign(Hw.Mux(flag, high, low));
                q[k] = Reg.Next(((u ^ NegabinaryMask) - NegabinaryMask).AsSInt(), reset: null, enable: coefficients.Load, name: $"inverse_negabinary_{g}_{k}");
                liftedAll.Insert(0, q[k]);
            }

            // ---- InverseLift ----
            var il = Instance(new InverseLift(), $"inverse_lift_{g}");
            il.X.Assign(q[0]);
            il.Y.Assign(q[1]);
            il.Z.Assign(q[2]);
            il.W.Assign(q[3]);
            for (var i = 0; i < InverseLift.Stages; i++) il.Loads[i].Assign(lift[i].Load);
            SInt[] fixedQ = [il.FixedX, il.FixedY, il.FixedZ, il.FixedW];
            for (var k = 0; k < ZfpeCoreConfig.BlockSize; k++)
            {
                fixedPoint[g, k] = fixedQ[k];
                fixedAll.Insert(0, fixedQ[k]);
            }
            for (var i = 0; i < lift.Count; i++) e = Reg.Next(e, reset: null, enable: lift[i].Load, name: $"exponent_{g}_l{i + 1}");
            exponent[g] = e;
        }
        var exponentAtLift = exponent.ToArray();
        var streamLast = Reg.Next(Blocks.Last!, reset: null, enable: coefficients.Load, name: "stream_last_negabinary");
        for (var i = 0; i < lift.Count; i++) streamLast = Reg.Next(streamLast, reset: null, enable: lift[i].Load, name: $"stream_last_l{i + 1}");

        // ---- InverseFixedPoint: one normaliser per lane ------------------------------------------
        var valueLast = streamLast & scatterFinal;
        if (scatter is not null)
        {
            valueLast = Reg.Next(valueLast, reset: null, enable: scatter.Load, name: "stream_last_scatter");
            for (var g = 0; g < groups; g++) exponent[g] = Reg.Next(exponent[g], reset: null, enable: scatter.Load, name: $"exponent_{g}_scatter");
        }
        var outputs = new HdlValue[lanes];
        for (var l = 0; l < lanes; l++)
        {
            int g = l / perCycle, v = l % perCycle;
            var candidates = Enumerable.Range(0, slots).Select(s => fixedPoint[g, s * perCycle + v]).ToList();
            var q = scatter is null ? candidates[0] : Reg.Next(Hw.Select(scatterSlot, candidates), reset: null, enable: scatter.Load, name: $"scatter_q_{l}");
            var unit = Instance(new FixedToFloat(eb), $"inverse_fixed_point_{l}");
            unit.FixedPoint.Assign(q);
            unit.BlockExponent.Assign(exponent[g]);
            unit.LoadMagnitude.Assign(magnitude.Load);
            unit.LoadCoarse.Assign(coarse.Load);
            unit.LoadFine.Assign(fine.Load);
            unit.LoadRound.Assign(round.Load);
            unit.LoadPack.Assign(pack.Load);
            outputs[lanes - 1 - l] = unit.Value;
        }
        foreach (var (stage, tag) in new[] { (magnitude, "magnitude"), (coarse, "coarse"), (fine, "fine"), (round, "round"), (pack, "pack") })
            valueLast = Reg.Next(valueLast, reset: null, enable: stage.Load, name: $"stream_last_{tag}");
        Values.Valid.Assign(pack.Valid);
        Values.Payload.Assign(Hw.Cat(outputs));
        Values.Last!.Assign(valueLast);

        if (config.DebugPorts)
        {
            DebugLiftedValid = Out.Bool("dbg_lifted_valid");
            DebugLifted = Out.UInt(128 * groups, "dbg_lifted");
            DebugFixedPointValid = Out.Bool("dbg_fixed_point_valid");
            DebugFixedPoint = Out.UInt(128 * groups, "dbg_fixed_point");
            DebugBlockExponent = Out.UInt(eb * groups, "dbg_block_exponent");
            DebugLiftedValid.Assign(coefficients.Leaving(lift[0].Load));
            DebugLifted.Assign(Hw.Cat([.. liftedAll]));
            DebugFixedPointValid.Assign(lift[^1].Leaving(afterLift) & scatterFinal);
            DebugFixedPoint.Assign(Hw.Cat([.. fixedAll]));
            DebugBlockExponent.Assign(Hw.Cat(exponentAtLift.Reverse().ToArray<HdlValue>()));
        }
    }

    public ZfpeCoreConfig Config { get; }

    /// <summary>Cycles from a block's input beat to the first output beat of its values: <see cref="LatencyOf"/>.</summary>
    public int Latency => LatencyOf(Config);

    /// <summary>
    /// Cycles from the input beat of a block (it fires in cycle t) to the first output beat of
    /// its values (valid in cycle t + latency), with the consumer ready and the lanes free (below
    /// 4 lanes the core accepts blocks ahead, and they wait for the lanes): 1 (InverseNegabinary)
    /// + 6 (InverseLift) + 1 (scatter, below 4 lanes) + 5 (InverseFixedPoint): 13 at 1 and 2
    /// lanes, 12 at 4 and 8. The block's further values follow one beat per cycle.
    /// </summary>
    public static int LatencyOf(ZfpeCoreConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        return 1 + InverseLift.Stages + (config.Slots > 1 ? 1 : 0) + 5;
    }
}
