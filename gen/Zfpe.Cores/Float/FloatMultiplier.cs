using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Pipelines;

namespace Zfpe.Cores.Float;

/// <summary>
/// The simplified float multiplier (gen/Zfpe.Reference/Float/README.md, "Multiplier"; bit-exact
/// with <c>SimpleFloat.Multiply</c>): a stream of operand pairs in, a stream of float32 products
/// out, one pair per cycle whenever the consumer is ready.
/// </summary>
/// <remarks>
/// Stages (<see cref="Latency"/> = 4): <b>decode</b> (the registered operands: truncated
/// significands, sign, zero, the biased exponent sum), <b>multiply</b> (the product: for m ≤ 18
/// the output register of one MULT18X18D, <see cref="Ecp5Multiplier"/> with one stage, clocked with
/// this stage's load so that it stalls and collapses bubbles exactly like the fabric registers
/// beside it; above 18 bits a fabric <c>*</c> product registered here), <b>normalise</b> (the
/// product's top bit picks the significand and the exponent, precomputed overflow and underflow
/// flags for both cases), <b>pack</b> (the output word: +0, ±largest finite or the packed result).
/// Every stage before pack moves in lockstep with it (one load, <c>!pack_valid | output_ready</c>, instead of a chain
/// of loads); <c>input_ready</c> is that load, so it depends combinationally on <c>output_ready</c>.
/// </remarks>
public sealed class FloatMultiplier : Component
{
    public readonly Stream<FloatOperands> Input;
    public readonly Stream<UInt> Output;

    /// <summary>With <c>tagBits</c> &gt; 0: a tag taken with each input beat (its stream's payload's sideband).</summary>
    public readonly UInt? InputTag;

    /// <summary>With <c>tagBits</c> &gt; 0: the tag of the input beat the output beat comes from, valid with it.</summary>
    public readonly UInt? OutputTag;

    /// <summary>
    /// The core; with <paramref name="tagBits"/> &gt; 0 it also carries a tag of that many bits from
    /// <see cref="InputTag"/> to <see cref="OutputTag"/> through its stages, in lockstep with the
    /// value (flip-flops only: no queue beside the core, and no join with one after it).
    /// </summary>
    public FloatMultiplier(FloatCoreConfig config, int tagBits = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Params(config);
        Config = config;
        int m = config.M;

        Input = In.Stream(FloatOperands.Shape, name: "input");
        Output = Out.Stream(32, name: "output");
        ArgumentOutOfRangeException.ThrowIfNegative(tagBits);
        Param("tag_bits", tagBits, 0);
        if (tagBits > 0)
        {
            InputTag = In.UInt(tagBits, "input_tag");
            OutputTag = Out.UInt(tagBits, "output_tag");
        }

        var p = new Pipeline("mul");
        var arrive = p.Begin(Input);
        var operands = arrive.Let("operands", Input.Payload);
        var tag = InputTag is null ? null : arrive.Let("tag", InputTag);

        // ---- decode: truncate to m bits, zero for exponent field 0, E = Ea + Eb − 127 -------------
        var decode = p.LockstepStage("decode");
        var a = operands[decode].A;
        var b = operands[decode].B;
        var significandA = Hw.Cat(Hw.True, a[22, 24 - m]);
        var significandB = Hw.Cat(Hw.True, b[22, 24 - m]);
        var zero = decode.Let("zero", (a[30, 23] == 0) | (b[30, 23] == 0));
        var negative = decode.Let("negative", a[31] ^ b[31]);
        // Two's complement in 10 bits: −125 ..= 383.
        var exponent = decode.Let("exponent", a[30, 23].ZeroExtend(10) + b[30, 23].ZeroExtend(10) - 127);

        // ---- multiply: P = Ma · Mb (2m bits); the exponent's cases while the product forms ------
        var multiply = p.LockstepStage("multiply");
        UInt product;
        if (m <= FloatCoreConfig.DspWidth)
        {
            var dsp = Instance(new Ecp5Multiplier(new Ecp5MultiplierConfig(m, m, Signed: false, Stages: 1)), "product_dsp");
            dsp.A.Assign(significandA);
            dsp.B.Assign(significandB);
            dsp.Enable.Assign(multiply.Load!);
            product = dsp.P;
        }
        else
        {
            product = decode.Let("fabric_product", significandA * significandB)[multiply];
        }
        var productValue = multiply.Let("product", product);
        var e = exponent[multiply].AsSInt();
        var field = multiply.Let("field", e.AsUInt()[7, 0]);
        var fieldPlusOne = multiply.Let("field_plus_one", (e.AsUInt() + 1)[7, 0]);
        // The range tests on the 10-bit two's complement e as bit tests, not comparisons: Yosys makes
        // a comparison with a constant a carry chain, which came before the register's multiplexer
        // on the PE's critical path. e ≥ 256 is !e[9] & e[8]; e ≥ 255 adds e[7:0] all ones; e ≥ 254
        // e[7:1] all ones; e ≤ −1 is e[9]; e ≤ 0 adds e = 0.
        var bits = e.AsUInt();
        var nonNegative = !bits[9];
        var overflow = multiply.Let("overflow", nonNegative & (bits[8] | bits[7, 0].AndReduce()));          // result exponent E > 254
        var overflowIfCarry = multiply.Let("overflow_if_carry", nonNegative & (bits[8] | bits[7, 1].AndReduce())); // E + 1 > 254
        var underflow = multiply.Let("underflow", bits[9] | (bits[8, 0] == 0));
        var underflowIfCarry = multiply.Let("underflow_if_carry", bits[9]);

        // ---- normalise: bit 2m − 1 set: P >> m and E + 1; else P >> (m − 1) ----------------------
        var normalise = p.LockstepStage("normalise");
        var pn = productValue[normalise];
        var carry = pn[2 * m - 1];
        // The m-bit significand with its hidden bit (not the m − 1 fraction bits: at m = 2 the DSL
        // turns a 1-bit UInt into a Bool).
        var significand = normalise.Let("significand", Hw.Mux(carry, pn[2 * m - 1, m], pn[2 * m - 2, m - 1]));
        var resultField = normalise.Let("result_field", Hw.Mux(carry, fieldPlusOne[normalise], field[normalise]));
        var saturate = normalise.Let("saturate", Hw.Mux(carry, overflowIfCarry[normalise], overflow[normalise]));
        var flush = normalise.Let("flush", zero[normalise] | Hw.Mux(carry, underflowIfCarry[normalise], underflow[normalise]));

        // ---- pack: +0, ±largest finite, or sign | E | fraction ------------------------------------
        var pack = p.Stage("pack");
        if (tag is not null) OutputTag!.Assign(tag[pack]);
        p.End(Output, pack, s => FloatPacking.Pack(m, negative[s], flush[s], saturate[s], resultField[s], significand[s][m - 2, 0]));
    }

    public FloatCoreConfig Config { get; }

    /// <summary>Cycles from an input beat to its result when nothing stalls: decode, multiply, normalise, pack.</summary>
    public int Latency => LatencyOf(Config);

    public static int LatencyOf(FloatCoreConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return 4;
    }
}
