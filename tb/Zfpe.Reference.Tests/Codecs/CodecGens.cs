using CsCheck;

namespace Zfpe.Reference.Tests.Codecs;

/// <summary>Generators of float blocks mixing ordinary values, edge cases and every dynamic range.</summary>
internal static class CodecGens
{
    /// <summary>Any finite float, zeros and subnormals included.</summary>
    public static readonly Gen<float> AnyFinite = Gen.Float;

    /// <summary>
    /// Four values sharing a random scale 2^s with s in [<paramref name="minScale"/>, <paramref name="maxScale"/>],
    /// each spread over up to 2^-<paramref name="spread"/> below it, with zeros, equal values and sign flips mixed in.
    /// </summary>
    public static Gen<float[]> ScaledBlock(int minScale, int maxScale, int spread = 24) =>
        Gen.Select(Gen.Int[minScale, maxScale], Gen.Float[-1f, 1f].Array[4], Gen.Int[0, spread].Array[4], Gen.Int[0, 9],
            (scale, mantissas, shifts, shape) =>
            {
                var block = new float[4];
                for (int k = 0; k < 4; k++)
                    block[k] = MathF.ScaleB(mantissas[k], scale - shifts[k]);
                switch (shape)
                {
                    case 0: block[1] = block[2] = 0; break;            // sparse block
                    case 1: block[1] = block[2] = block[3] = block[0]; break; // constant block
                    case 2: block[3] = -block[0]; break;              // opposite signs
                }
                return block;
            });

    /// <summary>Finite blocks over the whole float range, including edge cases (zeros, subnormals, FLT_MAX, powers of two).</summary>
    public static readonly Gen<float[]> FiniteBlock = Gen.Frequency(
        (4, ScaledBlock(-149, 127)),
        (2, AnyFinite.Array[4]),
        (1, Gen.OneOf(0f, -0f, float.Epsilon, -float.Epsilon, 1.1754942E-38f, 1.17549435E-38f, float.MaxValue, -float.MaxValue, 1f, -1f, 0.5f, 2f)
            .Array[4]));

    /// <summary>Blocks that may hold NaN and ±Inf too.</summary>
    public static readonly Gen<float[]> AnyBlock = Gen.Frequency(
        (6, FiniteBlock),
        (1, Gen.Float.Special.Array[4]));
}
