using Zfpe.Hdl;

namespace Zfpe.Cores.Codec;

/// <summary>
/// The inverse lift (docs/zfpe-format.md §4 step 4) on one block, int32 with wrap-around, one add per
/// register stage: the ten adds form a chain six deep, so six stages (L1..L6), each loading on
/// its own enable. See <see cref="ForwardLift"/> for why the adders are not shared.
/// </summary>
public sealed class InverseLift : Component
{
    public readonly SInt X, Y, Z, W;
    public readonly IReadOnlyList<Bool> Loads;
    public readonly SInt FixedX, FixedY, FixedZ, FixedW;

    public const int Stages = 6;

    public InverseLift()
    {
        X = In.SInt(32);
        Y = In.SInt(32);
        Z = In.SInt(32);
        W = In.SInt(32);
        Loads = Enumerable.Range(0, Stages).Select(i => In.Bool($"load_l{i + 1}")).ToList();
        FixedX = Out.SInt(32);
        FixedY = Out.SInt(32);
        FixedZ = Out.SInt(32);
        FixedW = Out.SInt(32);

        SInt R(SInt v, int stage, string name) => Reg.Next(v, reset: null, enable: Loads[stage - 1], name: name);

        // y += w >> 1; z += x; (L1)
        var y1 = R(Y + (W >> 1), 1, "l1_y");
        var z1 = R(Z + X, 1, "l1_z");
        var x1 = R(X, 1, "l1_x");
        var w1 = R(W, 1, "l1_w");
        // w -= y >> 1; x <<= 1; x -= z; (L2)
        var w2 = R(w1 - (y1 >> 1), 2, "l2_w");
        var x2 = R((x1 << 1) - z1, 2, "l2_x");
        var y2p = R(y1, 2, "l2_y");
        var z2p = R(z1, 2, "l2_z");
        // y += w; (L3)
        var y3 = R(y2p + w2, 3, "l3_y");
        var w3p = R(w2, 3, "l3_w");
        var x3 = R(x2, 3, "l3_x");
        var z3 = R(z2p, 3, "l3_z");
        // w <<= 1; w -= y; y += z; (L4)
        var w4 = R((w3p << 1) - y3, 4, "l4_w");
        var y4 = R(y3 + z3, 4, "l4_y");
        var x4 = R(x3, 4, "l4_x");
        var z4 = R(z3, 4, "l4_z");
        // z <<= 1; z -= y; w += x; (L5)
        var z5 = R((z4 << 1) - y4, 5, "l5_z");
        var w5 = R(w4 + x4, 5, "l5_w");
        var x5 = R(x4, 5, "l5_x");
        var y5 = R(y4, 5, "l5_y");
        // x <<= 1; x -= w; (L6)
        var x6 = R((x5 << 1) - w5, 6, "l6_x");
        var y6 = R(y5, 6, "l6_y");
        var z6 = R(z5, 6, "l6_z");
        var w6 = R(w5, 6, "l6_w");

        FixedX.Assign(x6);
        FixedY.Assign(y6);
        FixedZ.Assign(z6);
        FixedW.Assign(w6);
    }
}
