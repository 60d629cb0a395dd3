using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Pipelines;

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
        if (config.Rounding != PayloadRounding.Truncate)
            throw new ParameterValueException(
                $"parameter '{ZfpeCoreConfig.RoundingParameter}' = {config.Rounding.ToString().ToLowerInvariant()} is an encoder parameter: the decompressor does not take it " +
                $"(it decodes the blocks of every rounding); leave it at its default, truncate", nameof(ZfpeCoreConfig.Rounding));
        Config = config;
        Params(config, ZfpeCoreConfig.RoundingParameter);

        int lanes = config.Lanes, groups = config.BlockLanes, perCycle = config.ValuesPerCycle, slots = config.Slots;
        int b = config.B, split = config.Split, eb = config.ExponentBits;
        int slotBits = Math.Max(1, (int)Math.Log2(slots));

        Blocks = In.Stream(groups * config.BlockBits, withLast: true, name: "blocks");
        Values = Out.Stream(32 * lanes, withLast: true, name: "values");

        // ---- InversePayloadWindow, InverseNegabinary (§4 steps 2-3), InverseLift ------------------
        var inverse = new Pipeline("inverse");
        var arrive = inverse.Begin(Blocks);
        var coefficientsIn = new PipelineValue<SInt>[groups, ZfpeCoreConfig.BlockSize];
        var exponentIn = new PipelineValue<UInt>[groups];
        for (var g = 0; g < groups; g++)
        {
            var block = Blocks.Payload[(g + 1) * config.BlockBits - 1, g * config.BlockBits];
            exponentIn[g] = arrive.Let($"exponent_{g}", block[eb - 1, 0]);
            for (var k = 0; k < ZfpeCoreConfig.BlockSize; k++)
            {
                var offset = config.CoefficientOffset(k);
                var flag = block[offset];
                var payload = block[offset + b, offset + 1];
                var high = Hw.Cat(payload, Hw.U(0, 32 - b));
                var low = split == b ? Hw.Cat(Hw.U(0, 32 - split), payload) : Hw.Cat(Hw.U(0, 32 - split), payload, Hw.U(0, split - b));
                var u = Wire.UInt(32, $"inverse_payload_window_{g}_{k}");
                u.Assign(Hw.Mux(flag, high, low));
                coefficientsIn[g, k] = arrive.Let($"inverse_negabinary_{g}_{k}", ((u ^ NegabinaryMask) - NegabinaryMask).AsSInt());
            }
        }
        var streamLastIn = arrive.Let("stream_last", Blocks.Last!);
        var coefficients = inverse.Stage("negabinary");
        var lift = Enumerable.Range(1, InverseLift.Stages).Select(i => inverse.Stage($"l{i}")).ToList();
        var lifted = lift[^1];
        var fixedPoint = new SInt[groups, ZfpeCoreConfig.BlockSize];
        var fixedAll = new List<HdlValue>();
        var liftedAll = new List<HdlValue>();
        for (var g = 0; g < groups; g++)
        {
            for (var k = 0; k < ZfpeCoreConfig.BlockSize; k++) liftedAll.Insert(0, coefficientsIn[g, k][coefficients]);
            var (x, y, z, w) = InverseLift.Build(coefficients, lift, $"lift_{g}", coefficientsIn[g, 0], coefficientsIn[g, 1], coefficientsIn[g, 2], coefficientsIn[g, 3]);
            PipelineValue<SInt>[] results = [x, y, z, w];
            for (var k = 0; k < ZfpeCoreConfig.BlockSize; k++)
            {
                fixedPoint[g, k] = results[k][lifted];
                fixedAll.Insert(0, fixedPoint[g, k]);
            }
        }
        var exponentAtLift = exponentIn.Select(e => e[lifted]).ToArray();

        // ---- scatter: slot s of the block goes to the lanes in the s-th cycle -----------------
        // The scatter stage is a skid stage: its ready is a register, which cuts the ready path
        // from the output to the input in two; few bits cross it (one value per lane).
        var values = new Pipeline("inverse_fixed_point");
        var scatterReady = Wire.Bool("scatter_ready");
        var handOut = values.Begin(lifted.Valid, scatterReady);
        var scatterSlot = slots > 1 ? Reg.UInt(slotBits, reset: 0, name: "scatter_slot") : Hw.U(0, 1);
        var scatterFinal = slots == 1 ? Hw.True : scatterSlot == slots - 1;
        if (slots > 1) When(lifted.Valid & scatterReady, () => scatterSlot.Assign(Hw.Mux(scatterFinal, Hw.U(0, slotBits), scatterSlot + 1)));
        inverse.End(lifted, scatterReady & scatterFinal);

        var laneQ = new PipelineValue<SInt>[lanes];
        for (var l = 0; l < lanes; l++)
        {
            int g = l / perCycle, v = l % perCycle;
            var candidates = Enumerable.Range(0, slots).Select(s => fixedPoint[g, s * perCycle + v]).ToList();
            laneQ[l] = handOut.Let($"scatter_q_{l}", slots == 1 ? candidates[0] : Hw.Select(scatterSlot, candidates));
        }
        var laneExponent = Enumerable.Range(0, groups).Select(g => handOut.Let($"scatter_exponent_{g}", exponentAtLift[g])).ToList();
        var valueLast = handOut.Let("value_last", streamLastIn[lifted] & scatterFinal);
        var scatter = values.SkidStage("scatter");
        // by4 is a skid stage too: with it no ready path crosses more than four stages.
        var stages = new List<PipelineStage>();
        foreach (var n in new[] { "magnitude", "by16", "by8", "by4", "normalised", "round", "float_bits" })
            stages.Add(n == "by4" ? values.SkidStage(n) : values.Stage(n));
        var outputs = new PipelineValue<UInt>[lanes];
        for (var l = 0; l < lanes; l++)
            outputs[l] = FixedToFloat.Build(scatter, stages, $"lane_{l}", laneQ[l], laneExponent[l / perCycle]);
        values.End(Values, stages[^1], s => Hw.Cat(outputs.Reverse().Select(o => (HdlValue)o[s]).ToArray()), lastBeat: s => valueLast[s]);

        if (config.DebugPorts)
        {
            DebugLiftedValid = Out.Bool("dbg_lifted_valid");
            DebugLifted = Out.UInt(128 * groups, "dbg_lifted");
            DebugFixedPointValid = Out.Bool("dbg_fixed_point_valid");
            DebugFixedPoint = Out.UInt(128 * groups, "dbg_fixed_point");
            DebugBlockExponent = Out.UInt(eb * groups, "dbg_block_exponent");
            DebugLiftedValid.Assign(coefficients.Leaving);
            DebugLifted.Assign(Hw.Cat([.. liftedAll]));
            DebugFixedPointValid.Assign(lifted.Valid & scatterReady & scatterFinal);
            DebugFixedPoint.Assign(Hw.Cat([.. fixedAll]));
            DebugBlockExponent.Assign(Hw.Cat(exponentAtLift.Reverse().ToArray<HdlValue>()));
        }
        if (inverse.Latency + values.Latency != LatencyOf(config))
            throw new InvalidOperationException($"decompressor latency {inverse.Latency + values.Latency} is not the documented {LatencyOf(config)}");
    }

    public ZfpeCoreConfig Config { get; }

    /// <summary>Cycles from a block's input beat to the first output beat of its values: <see cref="LatencyOf"/>.</summary>
    public int Latency => LatencyOf(Config);

    /// <summary>
    /// Cycles from the input beat of a block (it fires in cycle t) to the first output beat of
    /// its values (valid in cycle t + latency), with the consumer ready and the lanes free (below
    /// 4 lanes the core accepts blocks ahead, and they wait for the lanes): 1 (InverseNegabinary)
    /// + 6 (InverseLift) + 1 (scatter, a skid stage) + 7 (InverseFixedPoint) = 15 at every width.
    /// The block's further values follow one beat per cycle.
    /// </summary>
    public static int LatencyOf(ZfpeCoreConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        return 1 + InverseLift.Stages + 1 + FixedToFloat.Stages;
    }
}
