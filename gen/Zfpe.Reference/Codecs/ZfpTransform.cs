namespace Zfpe.Reference.Codecs;

/// <summary>
/// ZFP's decorrelating transform of a 4, 4×4 or 4×4×4 block (the 1-D lift applied along x, then
/// y, then z; inverted in the reverse order) and the order in which zfp sends the coefficients:
/// by sequency, i + j + k, then i² + j² + k² (zfp's perm_2 and perm_3 tables).
/// </summary>
internal static class ZfpTransform
{
    private static readonly byte[] Identity = [0, 1, 2, 3];

    private static readonly byte[] Perm2 = Table(
        (0, 0, 0), (1, 0, 0), (0, 1, 0), (1, 1, 0), (2, 0, 0), (0, 2, 0), (2, 1, 0), (1, 2, 0),
        (3, 0, 0), (0, 3, 0), (2, 2, 0), (3, 1, 0), (1, 3, 0), (3, 2, 0), (2, 3, 0), (3, 3, 0));

    private static readonly byte[] Perm3 = Table(
        (0, 0, 0),
        (1, 0, 0), (0, 1, 0), (0, 0, 1),
        (0, 1, 1), (1, 0, 1), (1, 1, 0), (2, 0, 0), (0, 2, 0), (0, 0, 2),
        (1, 1, 1), (2, 1, 0), (2, 0, 1), (0, 2, 1), (1, 2, 0), (1, 0, 2), (0, 1, 2), (3, 0, 0), (0, 3, 0), (0, 0, 3),
        (2, 1, 1), (1, 2, 1), (1, 1, 2), (0, 2, 2), (2, 0, 2), (2, 2, 0), (3, 1, 0), (3, 0, 1), (0, 3, 1), (1, 3, 0), (1, 0, 3), (0, 1, 3),
        (1, 2, 2), (2, 1, 2), (2, 2, 1), (3, 1, 1), (1, 3, 1), (1, 1, 3), (3, 2, 0), (3, 0, 2), (0, 3, 2), (2, 3, 0), (2, 0, 3), (0, 2, 3),
        (2, 2, 2), (3, 2, 1), (3, 1, 2), (1, 3, 2), (2, 3, 1), (2, 1, 3), (1, 2, 3), (0, 3, 3), (3, 0, 3), (3, 3, 0),
        (3, 2, 2), (2, 3, 2), (2, 2, 3), (1, 3, 3), (3, 1, 3), (3, 3, 1),
        (2, 3, 3), (3, 2, 3), (3, 3, 2),
        (3, 3, 3));

    /// <summary>zfp's fwd_order: the coefficients in coding order, mapped to negabinary.</summary>
    public static void Reorder(ReadOnlySpan<int> q, Span<uint> u, int dimensions)
    {
        var order = Order(dimensions);
        for (int i = 0; i < order.Length; i++)
            u[i] = BlockTransform.Negabinary(q[order[i]]);
    }

    /// <summary>zfp's inv_order: back from coding order and negabinary.</summary>
    public static void InverseReorder(ReadOnlySpan<uint> u, Span<int> q, int dimensions)
    {
        var order = Order(dimensions);
        for (int i = 0; i < order.Length; i++)
            q[order[i]] = BlockTransform.InverseNegabinary(u[i]);
    }

    /// <summary>Which block position the i-th coded coefficient comes from.</summary>
    private static ReadOnlySpan<byte> Order(int dimensions) => dimensions switch
    {
        1 => Identity,
        2 => Perm2,
        _ => Perm3,
    };

    public static void Forward(Span<int> q, int dimensions)
    {
        switch (dimensions)
        {
            case 1:
                Lift(q, 0, 1, forward: true);
                break;
            case 2:
                for (int y = 0; y < 4; y++) Lift(q, 4 * y, 1, forward: true);
                for (int x = 0; x < 4; x++) Lift(q, x, 4, forward: true);
                break;
            default:
                for (int i = 0; i < 16; i++) Lift(q, 4 * i, 1, forward: true);                // along x: rows (y, z)
                for (int z = 0; z < 4; z++) for (int x = 0; x < 4; x++) Lift(q, 16 * z + x, 4, forward: true);
                for (int i = 0; i < 16; i++) Lift(q, i, 16, forward: true);                   // along z: columns (x, y)
                break;
        }
    }

    public static void Inverse(Span<int> q, int dimensions)
    {
        switch (dimensions)
        {
            case 1:
                Lift(q, 0, 1, forward: false);
                break;
            case 2:
                for (int x = 0; x < 4; x++) Lift(q, x, 4, forward: false);
                for (int y = 0; y < 4; y++) Lift(q, 4 * y, 1, forward: false);
                break;
            default:
                for (int i = 0; i < 16; i++) Lift(q, i, 16, forward: false);
                for (int z = 0; z < 4; z++) for (int x = 0; x < 4; x++) Lift(q, 16 * z + x, 4, forward: false);
                for (int i = 0; i < 16; i++) Lift(q, 4 * i, 1, forward: false);
                break;
        }
    }

    /// <summary>The 1-D lift (or its inverse) of the four values at <paramref name="at"/> + 0..3 · <paramref name="stride"/>.</summary>
    private static void Lift(Span<int> q, int at, int stride, bool forward)
    {
        int x = q[at], y = q[at + stride], z = q[at + 2 * stride], w = q[at + 3 * stride];
        if (forward)
            BlockTransform.ForwardLift(ref x, ref y, ref z, ref w);
        else
            BlockTransform.InverseLift(ref x, ref y, ref z, ref w);
        q[at] = x; q[at + stride] = y; q[at + 2 * stride] = z; q[at + 3 * stride] = w;
    }

    private static byte[] Table(params (int I, int J, int K)[] indices) =>
        indices.Select(t => (byte)(t.I + 4 * (t.J + 4 * t.K))).ToArray();
}
