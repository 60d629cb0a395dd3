using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Pipelines;

namespace Zfpe.Cores.Codec;

/// <summary>
/// The inverse lift (docs/zfpe-format.md §4 step 4) on one block, int32 with wrap-around, as
/// values of a <see cref="Pipeline"/>: one add per register stage, the ten adds a chain six deep,
/// so six stages (L1..L6). See <see cref="ForwardLift"/> for why the adders are not shared.
/// </summary>
public static class InverseLift
{
    public const int Stages = 6;

    /// <summary>The inverse lift of the coefficients <paramref name="input"/> holds; the results are read at <c>lift[5]</c> (L6) or later.</summary>
    public static (PipelineValue<SInt> X, PipelineValue<SInt> Y, PipelineValue<SInt> Z, PipelineValue<SInt> W) Build(
        PipelineStage input, IReadOnlyList<PipelineStage> lift, string prefix,
        PipelineValue<SInt> x, PipelineValue<SInt> y, PipelineValue<SInt> z, PipelineValue<SInt> w)
    {
        if (lift.Count != Stages) throw new ArgumentException($"the inverse lift takes {Stages} stages, not {lift.Count}", nameof(lift));
        // y += w >> 1; z += x; (into L1)
        var y1 = input.Let($"{prefix}_y1", y[input] + (w[input] >> 1));
        var z1 = input.Let($"{prefix}_z1", z[input] + x[input]);
        // w -= y >> 1; x <<= 1; x -= z; (into L2)
        var s = lift[0];
        var w2 = s.Let($"{prefix}_w2", w[s] - (y1[s] >> 1));
        var x2 = s.Let($"{prefix}_x2", (x[s] << 1) - z1[s]);
        // y += w; (into L3)
        s = lift[1];
        var y3 = s.Let($"{prefix}_y3", y1[s] + w2[s]);
        // w <<= 1; w -= y; y += z; (into L4)
        s = lift[2];
        var w4 = s.Let($"{prefix}_w4", (w2[s] << 1) - y3[s]);
        var y4 = s.Let($"{prefix}_y4", y3[s] + z1[s]);
        // z <<= 1; z -= y; w += x; (into L5)
        s = lift[3];
        var z5 = s.Let($"{prefix}_z5", (z1[s] << 1) - y4[s]);
        var w5 = s.Let($"{prefix}_w5", w4[s] + x2[s]);
        // x <<= 1; x -= w; (into L6)
        s = lift[4];
        var x6 = s.Let($"{prefix}_x6", (x2[s] << 1) - w5[s]);
        return (x6, y4, z5, w5);
    }
}
