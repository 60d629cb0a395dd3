using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Pipelines;

namespace Zfpe.Cores.Codec;

/// <summary>
/// ZFP's forward lifting transform (docs/zfpe-format.md §3 step 4) on one block, int32 with
/// wrap-around and flooring shifts, as values of a <see cref="Pipeline"/>: the ten adds form a
/// chain six deep, one add (one carry chain) between two register stages, so six stages (L1..L6).
/// Adders are not time-shared: on the ECP5 an adder is a carry chain (32 LUT4 sites) while the 4:1
/// operand multiplexers that sharing needs cost 64 LUT4 per operand, so sharing would add area.
/// </summary>
public static class ForwardLift
{
    public const int Stages = 6;

    /// <summary>
    /// The lift of (<paramref name="x"/>, <paramref name="y"/>, <paramref name="z"/>, <paramref name="w"/>),
    /// which <paramref name="input"/> holds; the results are read at <c>lift[5]</c> (L6) or later.
    /// Values are named <c>prefix_x1</c> and so on.
    /// </summary>
    public static (PipelineValue<SInt> X, PipelineValue<SInt> Y, PipelineValue<SInt> Z, PipelineValue<SInt> W) Build(
        PipelineStage input, IReadOnlyList<PipelineStage> lift, string prefix,
        PipelineValue<SInt> x, PipelineValue<SInt> y, PipelineValue<SInt> z, PipelineValue<SInt> w)
    {
        if (lift.Count != Stages) throw new ArgumentException($"the forward lift takes {Stages} stages, not {lift.Count}", nameof(lift));
        // x += w; x >>= 1; ... z += y; z >>= 1; (into L1)
        var x1 = input.Let($"{prefix}_x1", (x[input] + w[input]) >> 1);
        var z1 = input.Let($"{prefix}_z1", (z[input] + y[input]) >> 1);
        // w -= x; y -= z; x += z; x >>= 1; (into L2)
        var s = lift[0];
        var w2 = s.Let($"{prefix}_w2", w[s] - x1[s]);
        var y2 = s.Let($"{prefix}_y2", y[s] - z1[s]);
        var x2 = s.Let($"{prefix}_x2", (x1[s] + z1[s]) >> 1);
        // z -= x; w += y; w >>= 1; (into L3)
        s = lift[1];
        var z3 = s.Let($"{prefix}_z3", z1[s] - x2[s]);
        var w3 = s.Let($"{prefix}_w3", (w2[s] + y2[s]) >> 1);
        // y -= w; (into L4)
        s = lift[2];
        var y4 = s.Let($"{prefix}_y4", y2[s] - w3[s]);
        // w += y >> 1; (into L5)
        s = lift[3];
        var w5 = s.Let($"{prefix}_w5", w3[s] + (y4[s] >> 1));
        // y -= w >> 1; (into L6)
        s = lift[4];
        var y6 = s.Let($"{prefix}_y6", y4[s] - (w5[s] >> 1));
        return (x2, y6, z3, w5);
    }
}
