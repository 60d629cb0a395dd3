using Zfpe.Hdl;

namespace Zfpe.Cores.Codec;

/// <summary>
/// ZFP's forward lifting transform (docs/zfpe-format.md §3 step 4) on one block, int32 with
/// wrap-around and flooring shifts, pipelined one add per stage: the ten adds form a chain six
/// deep, so six register stages (L1..L6), each loading on its own enable. Adders are not
/// time-shared: on the ECP5 an adder is a carry chain (32 LUT4 sites) while the 4:1 operand
/// multiplexers that sharing needs cost 64 LUT4 per operand, so sharing would add area.
/// </summary>
public sealed class ForwardLift : Component
{
    public readonly SInt X, Y, Z, W;
    public readonly IReadOnlyList<Bool> Loads;
    public readonly SInt LiftedX, LiftedY, LiftedZ, LiftedW;

    public const int Stages = 6;

    public ForwardLift()
    {
        X = In.SInt(32);
        Y = In.SInt(32);
        Z = In.SInt(32);
        W = In.SInt(32);
        Loads = Enumerable.Range(0, Stages).Select(i => In.Bool($"load_l{i + 1}")).ToList();
        LiftedX = Out.SInt(32);
        LiftedY = Out.SInt(32);
        LiftedZ = Out.SInt(32);
        LiftedW = Out.SInt(32);

        SInt R(SInt v, int stage, string name) => Reg.Next(v, reset: null, enable: Loads[stage - 1], name: name);

        // x += w; x >>= 1; ... z += y; z >>= 1; (L1)
        var x1 = R((X + W) >> 1, 1, "l1_x");
        var z1 = R((Z + Y) >> 1, 1, "l1_z");
        var y1 = R(Y, 1, "l1_y");
        var w1 = R(W, 1, "l1_w");
        // w -= x; y -= z; x += z; x >>= 1; (L2)
        var w2 = R(w1 - x1, 2, "l2_w");
        var y2 = R(y1 - z1, 2, "l2_y");
        var x2 = R((x1 + z1) >> 1, 2, "l2_x");
        var z2p = R(z1, 2, "l2_z");
        // z -= x; w += y; w >>= 1; (L3)
        var z3 = R(z2p - x2, 3, "l3_z");
        var w3 = R((w2 + y2) >> 1, 3, "l3_w");
        var x3 = R(x2, 3, "l3_x");
        var y3p = R(y2, 3, "l3_y");
        // y -= w; (L4)
        var y4 = R(y3p - w3, 4, "l4_y");
        var x4 = R(x3, 4, "l4_x");
        var z4 = R(z3, 4, "l4_z");
        var w4 = R(w3, 4, "l4_w");
        // w += y >> 1; (L5)
        var w5 = R(w4 + (y4 >> 1), 5, "l5_w");
        var x5 = R(x4, 5, "l5_x");
        var y5 = R(y4, 5, "l5_y");
        var z5 = R(z4, 5, "l5_z");
        // y -= w >> 1; (L6)
        var y6 = R(y5 - (w5 >> 1), 6, "l6_y");
        var x6 = R(x5, 6, "l6_x");
        var z6 = R(z5, 6, "l6_z");
        var w6 = R(w5, 6, "l6_w");

        LiftedX.Assign(x6);
        LiftedY.Assign(y6);
        LiftedZ.Assign(z6);
        LiftedW.Assign(w6);
    }
}
