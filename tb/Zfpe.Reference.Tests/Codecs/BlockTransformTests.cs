using CsCheck;
using Zfpe.Reference.Codecs;

namespace Zfpe.Reference.Tests.Codecs;

public class BlockTransformTests
{
    [Fact]
    public void Fixed_point_equals_truncating_x_times_2_to_the_30_minus_emax()
    {
        SeededProperty.Check(CodecGens.FiniteBlock, block =>
        {
            int e = ZfpCodec.BlockExponent(block); // zfp's exponent also covers subnormal-only blocks
            if (e == 0)
                return;
            int emax = e - 127;
            var q = new int[4];
            BlockTransform.FixedPoint(block, emax, q);
            for (int k = 0; k < 4; k++)
            {
                // Exact in double: a float times a power of two, then truncation toward zero.
                double scaled = block[k] * Math.ScaleB(1.0, 30 - emax);
                Assert.Equal((int)Math.Truncate(scaled), q[k]);
                Assert.True(Math.Abs(q[k]) < 1 << 30);
            }
        }, iterations: 20000, seed: 11, print: SeededProperty.Show);
    }

    [Fact]
    public void Fixed_point_truncates_negative_values_toward_zero()
    {
        // With emax = 30 the scale is 2^0: q = trunc(-3.5) = -3, where an arithmetic shift would give floor's -4.
        Assert.Equal(-3, BlockTransform.FixedPoint(-3.5f, 30));
        Assert.Equal(3, BlockTransform.FixedPoint(3.5f, 30));
        Assert.Equal(-1, BlockTransform.FixedPoint(-3.5f, 31));
        Assert.Equal(0, BlockTransform.FixedPoint(-0.75f, 30));
    }

    [Fact]
    public void Fixed_point_rejects_a_value_at_or_above_2_to_the_emax()
    {
        Assert.Throws<ArgumentException>(() => BlockTransform.FixedPoint(2f, 1));
        Assert.Throws<ArgumentException>(() => BlockTransform.FixedPoint(float.PositiveInfinity, 127));
        Assert.Equal((1 << 30) - 64, BlockTransform.FixedPoint(1.9999999f, 1));
    }

    [Fact]
    public void Negabinary_maps_small_integers_to_their_base_minus_two_digits()
    {
        Assert.Equal(0u, BlockTransform.Negabinary(0));
        Assert.Equal(1u, BlockTransform.Negabinary(1));
        Assert.Equal(0b110u, BlockTransform.Negabinary(2));   // 4 - 2
        Assert.Equal(0b11u, BlockTransform.Negabinary(-1));   // -2 + 1
        Assert.Equal(0b10u, BlockTransform.Negabinary(-2));
    }

    [Fact]
    public void Inverse_negabinary_undoes_negabinary_for_every_int32()
    {
        SeededProperty.Check(Gen.Int, q => Assert.Equal(q, BlockTransform.InverseNegabinary(BlockTransform.Negabinary(q))),
            iterations: 20000, seed: 12);
        foreach (int q in new[] { int.MinValue, int.MaxValue, 0, -1, 1 << 30, -(1 << 30) })
            Assert.Equal(q, BlockTransform.InverseNegabinary(BlockTransform.Negabinary(q)));
    }

    [Fact]
    public void The_lifts_follow_zfps_matrices_on_basis_vectors()
    {
        // Forward lift of 16·e_k is column k of zfp's matrix 1/16 (4 4 4 4; 5 1 -1 -5; -4 4 4 -4; -2 6 -6 2).
        int[][] columns = [[4, 5, -4, -2], [4, 1, 4, 6], [4, -1, 4, -6], [4, -5, -4, 2]];
        for (int k = 0; k < 4; k++)
        {
            var v = new int[4];
            v[k] = 16 << 20;
            BlockTransform.ForwardLift(v);
            Assert.Equal(columns[k].Select(c => c << 20), v);
        }
        // Inverse lift of 4·e_k is column k of 1/4 (4 6 -4 -1; 4 2 4 5; 4 -2 4 -5; 4 -6 -4 1).
        int[][] inverseColumns = [[4, 4, 4, 4], [6, 2, -2, -6], [-4, 4, 4, -4], [-1, 5, -5, 1]];
        for (int k = 0; k < 4; k++)
        {
            var v = new int[4];
            v[k] = 4 << 20;
            BlockTransform.InverseLift(v);
            Assert.Equal(inverseColumns[k].Select(c => c << 20), v);
        }
    }

    [Fact]
    public void The_payload_window_keeps_exactly_the_bits_the_inverse_window_restores()
    {
        var gen = Gen.Select(Gen.UInt, Gen.Int[1, 28], Gen.Int[0, 31], Gen.Int[0, 6]);
        SeededProperty.Check(gen, t =>
        {
            var (raw, b, splitSeed, shift) = t;
            int split = b + splitSeed % (32 - b);
            uint u = raw >> (shift * 5); // small words too, so both windows are exercised
            var p = new ZfpeParameters(b, 8, split);
            uint payload = ZfpeCodec.PayloadWindow(u, p, out bool flag);
            uint restored = ZfpeCodec.InversePayloadWindow(flag, payload, p);

            Assert.Equal(u >> split != 0, flag);
            Assert.True(payload < 1u << b);
            uint kept = flag
                ? u & ~((1u << (32 - b)) - 1)
                : u & ~((1u << (split - b)) - 1);
            Assert.Equal(kept, restored);
        }, iterations: 20000, seed: 13);
    }
}
