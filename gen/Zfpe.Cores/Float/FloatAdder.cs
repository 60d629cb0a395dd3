using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Pipelines;

namespace Zfpe.Cores.Float;

/// <summary>
/// The simplified float adder (gen/Zfpe.Reference/Float/README.md, "Adder"; bit-exact with
/// <c>SimpleFloat.Add</c>): a stream of operand pairs in, a stream of float32 sums out, one pair
/// per cycle whenever the consumer is ready.
/// </summary>
/// <remarks>
/// Stages, after the README's steps (W = m + G, k = <see cref="FloatCoreConfig.AlignShiftBits"/>,
/// L = <c>levels-per-stage</c>):
/// <b>decode</b> (1: the magnitude order by one (8 + m − 1)-bit compare, both exponent distances,
/// the effective operation);
/// <b>align</b> (⌈(1 + k) / L⌉: the swap into big and small, then a k-level right shifter of
/// <c>Msmall &lt;&lt; G</c>, everything out when the distance is ≥ 2^k ≥ W, no sticky bit);
/// <b>add</b> (1: one (W + 2)-bit adder computes big ± small, the subtraction as big + ~small + 1
/// with the +1 entering below the LSB);
/// <b>normalise</b> (⌈(1 + n) / L⌉: the carry's right shift, then the n conditional left shifts
/// of <see cref="FloatCoreConfig.NormaliseShifts"/>, each taken when the top s bits are zero);
/// <b>exponent</b> (1: E = Ebig + carry − total shift, a table of the taken shifts and one adder);
/// <b>pack</b> (1: the overflow and underflow tests on E, then +0, ±largest finite or the packed
/// sum; a zero sum leaves the normaliser with its top bit clear). <see cref="Latency"/> adds them up: 10 for m = 18, G = 1, L = 2.
/// Every stage before pack moves in lockstep with it (one load, <c>!pack_valid | output_ready</c>, instead of a chain
/// of loads); <c>input_ready</c> is that load, so it depends combinationally on <c>output_ready</c>.
/// </remarks>
public sealed class FloatAdder : Component
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
    public FloatAdder(FloatCoreConfig config, int tagBits = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Params(config);
        Config = config;
        int m = config.M, g = config.GuardBits, w = config.SumWidth, k = config.AlignShiftBits;
        var shifts = config.NormaliseShifts;

        Input = In.Stream(FloatOperands.Shape, name: "input");
        Output = Out.Stream(32, name: "output");
        ArgumentOutOfRangeException.ThrowIfNegative(tagBits);
        Param("tag_bits", tagBits, 0);
        if (tagBits > 0)
        {
            InputTag = In.UInt(tagBits, "input_tag");
            OutputTag = Out.UInt(tagBits, "output_tag");
        }

        var p = new Pipeline("add");
        var arrive = p.Begin(Input);
        var operands = arrive.Let("operands", Input.Payload);
        var tag = InputTag is null ? null : arrive.Let("tag", InputTag);

        // ---- decode: order by magnitude (exponent field, then significand), both distances -------
        var decode = p.LockstepStage("decode");
        var a = operands[decode].A;
        var b = operands[decode].B;
        UInt ea = a[30, 23], eb = b[30, 23];
        // The magnitude key: exponent field and the m − 1 fraction bits kept. When both exponent
        // fields are 0 both significands are 0 and the order does not matter.
        var swap = decode.Let("swap", b[30, 24 - m] > a[30, 24 - m]);
        var distanceAb = decode.Let("distance_ab", ea - eb);
        var distanceBa = decode.Let("distance_ba", eb - ea);
        var subtract = decode.Let("subtract", a[31] ^ b[31]);
        // The significand with its hidden bit; a zero operand's fraction is not cleared here (a
        // clear in front of a register becomes its LSR pin and costs LUTs per bit): a zero small
        // operand is shifted out entirely in align, and a zero big operand (both zero) flushes.
        var zeroA = ea == 0;
        var zeroB = eb == 0;
        var significandA = decode.Let("significand_a", Hw.Cat(!zeroA, a[22, 24 - m]));
        var significandB = decode.Let("significand_b", Hw.Cat(!zeroB, b[22, 24 - m]));
        var bothZero = decode.Let("both_zero", zeroA & zeroB);
        var zeroSmall = decode.Let("zero_small", Hw.Mux(b[30, 24 - m] > a[30, 24 - m], zeroA, zeroB));
        var signA = decode.Let("sign_a", a[31]);
        var signB = decode.Let("sign_b", b[31]);
        var exponentA = decode.Let("exponent_a", ea);
        var exponentB = decode.Let("exponent_b", eb);

        // ---- align: swap into big and small, then shift small' = (Msmall << G) >> d -------------
        var levels = new Levels(p, config.LevelsPerStage);
        PipelineValue<UInt>? bigSignificand = null;
        PipelineValue<Bool>? bigNegative = null;
        PipelineValue<UInt>? bigExponent = null;
        PipelineValue<UInt>? distance = null;
        PipelineValue<Bool>? gone = null;
        var aligned = levels.Run("align", "small", [
            (s, _) =>
            {
                var sw = swap[s];
                bigSignificand = s.Let("big_significand", Hw.Mux(sw, significandB[s], significandA[s]));
                bigNegative = s.Let("big_negative", Hw.Mux(sw, signB[s], signA[s]));
                bigExponent = s.Let("big_exponent", Hw.Mux(sw, exponentB[s], exponentA[s]));
                distance = s.Let("distance", Hw.Mux(sw, distanceBa[s], distanceAb[s]));
                var small = Hw.Mux(sw, significandA[s], significandB[s]);
                var widened = g == 0 ? small : Hw.Cat(small, Hw.U(0, g));
                // A distance of 2^k or more shifts every bit out (2^k ≥ W); so does a zero operand.
                // Applied in the add stage, in the LUTs in front of the adder: a clear in front of a
                // register would become its LSR pin, with LUTs per bit to combine it with the stall.
                gone = s.Let("small_gone", k >= 8 ? zeroSmall[s] : zeroSmall[s] | (distance[s][7, k] != 0));
                return widened;
            },
            .. Enumerable.Range(0, k).Reverse().Select<int, Func<PipelineStage, UInt, UInt>>(bit =>
                (s, x) => Hw.Mux(distance![s][bit], x >> (1 << bit), x)),
        ]);

        // ---- add: S = big' ± small' in W + 1 bits, one adder (the +1 of −small below the LSB) -----
        var add = p.LockstepStage("add");
        var sub = subtract[add];
        var big = g == 0 ? bigSignificand![add] : Hw.Cat(bigSignificand![add], Hw.U(0, g));
        var small2 = (aligned[add] & Hw.Repeat(!gone![add], w)) ^ Hw.Repeat(sub, w);
        var total = Hw.Cat(Hw.False, big, Hw.True) + Hw.Cat(sub, small2, sub);
        var sum = add.Let("sum", total[w + 1, 1]);

        // ---- normalise: carry: S >> 1; else shifts s (top s bits zero: S << s) -------------------
        PipelineValue<Bool>? carry = null;
        var taken = new List<PipelineValue<Bool>>();
        var normalised = levels.Run("normalise", "normalised", [
            (s, _) =>
            {
                var sn = sum[s];
                carry = s.Let("carry", sn[w]);
                return Hw.Mux(sn[w], sn[w, 1], sn[w - 1, 0]);
            },
            .. shifts.Select((shift, i) => (Func<PipelineStage, UInt, UInt>)((s, x) =>
            {
                // (A 1-bit slice is a Bool in the DSL: test it as one.)
                var top = shift == 1 ? !x[w - 1] : x[w - 1, w - shift] == 0;
                taken.Add(s.Let($"shift_{i + 1}_taken", top));
                return Hw.Mux(top, x << shift, x);
            })),
        ]);

        // ---- exponent: E = Ebig + carry − Σ taken shifts ------------------------------------------
        var exponentStage = p.LockstepStage("exponent");
        var takenBits = Hw.Cat(taken.AsEnumerable().Reverse().Select(t => (HdlValue)t[exponentStage]).ToArray());
        // E − Ebig (+1 after a carry, else minus the taken shifts) as a table of the carry and the
        // taken flags: a few LUTs, then one 10-bit adder; the range tests read its bits.
        var index = Hw.Cat(carry![exponentStage], takenBits);
        var table = Enumerable.Range(0, 2 << shifts.Count)
            .Select(i => (i >> shifts.Count) != 0 ? 1 : -shifts.Select((s, j) => (i >> j & 1) * s).Sum())
            .Select(delta => Hw.U(delta & 0x3FF, 10))
            .ToList();
        var e = bigExponent![exponentStage].ZeroExtend(10) + Hw.Select(index, table);
        var exponent = exponentStage.Let("exponent", e);

        // ---- pack: a zero sum (exact cancellation, zero operands) leaves the top bit clear -------
        var pack = p.Stage("pack");
        if (tag is not null) OutputTag!.Assign(tag[pack]);
        p.End(Output, pack, s =>
        {
            var n = normalised[s];
            var x = exponent[s];
            // x in −31 ..= 256 (two's complement): saturate when 255 or 256, flush when 0 or negative.
            // (Tested here, after the exponent's register: the table and the adder fill its stage.)
            var saturate = !x[9] & (x[8] | (x[7, 0] == 255));
            var flush = x[9] | (x == 0) | !n[w - 1] | bothZero[s];
            return FloatPacking.Pack(m, bigNegative![s], flush, saturate, x[7, 0], n[w - 2, g]);
        });
        Latency = p.Latency;
    }

    public FloatCoreConfig Config { get; }

    /// <summary>Cycles from an input beat to its sum when nothing stalls (see the remarks): <see cref="LatencyOf"/>.</summary>
    public int Latency { get; }

    /// <summary>decode + ⌈(1 + k)/L⌉ align + add + ⌈(1 + n)/L⌉ normalise + exponent + pack.</summary>
    public static int LatencyOf(FloatCoreConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        int l = config.LevelsPerStage;
        return 1 + Ceiling(1 + config.AlignShiftBits, l) + 1 + Ceiling(1 + config.NormaliseShifts.Count, l) + 1 + 1;
    }

    private static int Ceiling(int x, int y) => (x + y - 1) / y;

    /// <summary>
    /// A chain of combinational levels on one value, <c>perStage</c> levels to a register stage:
    /// stages <c>name</c>, <c>name_2</c>, ...; the value crosses each boundary as <c>value_i</c>.
    /// </summary>
    private sealed class Levels(Pipeline pipeline, int perStage)
    {
        public PipelineValue<UInt> Run(string name, string value, IReadOnlyList<Func<PipelineStage, UInt, UInt>> levels)
        {
            var stage = pipeline.LockstepStage(name);
            var index = 1;
            UInt x = null!;
            for (var i = 0; i < levels.Count; i++)
            {
                if (i > 0 && i % perStage == 0)
                {
                    var carried = stage.Let($"{value}_{index}", x);
                    index++;
                    stage = pipeline.LockstepStage($"{name}_{index}");
                    x = carried[stage];
                }
                x = levels[i](stage, x);
            }
            return stage.Let($"{value}_{index}", x);
        }
    }
}
