using System.Globalization;
using System.Runtime.InteropServices;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Peers;

namespace Zfpe.Reference.Tests.Codecs;

/// <summary>
/// The C# ZFP in 2-D and 3-D against libzfp 1.0.0 and the <c>zfp</c> command: full and partial
/// blocks at the edges, every rate class, smooth and rough data, and arbitrary bits to decode.
/// </summary>
public class LibZfpFieldTests
{
    public static TheoryData<int, int, int, int> Fields => new()
    {
        // dimensions, nx, ny, nz
        { 2, 4, 4, 1 }, { 2, 64, 48, 1 }, { 2, 5, 7, 1 }, { 2, 1, 9, 1 }, { 2, 33, 2, 1 }, { 2, 130, 3, 1 },
        { 3, 4, 4, 4 }, { 3, 16, 8, 12 }, { 3, 5, 6, 7 }, { 3, 9, 1, 3 }, { 3, 17, 8, 5 }, { 3, 2, 2, 2 },
    };

    public static TheoryData<double> Rates => [1, 2.5, 4, 8, 12, 16, 24, 32, 0.25 + 6];

    private static ZfpField Field(int dimensions, int nx, int ny, int nz) =>
        dimensions == 2 ? ZfpField.TwoD(nx, ny) : ZfpField.ThreeD(nx, ny, nz);

    /// <summary>
    /// A field mixing smooth regions, noise and every scale from 2^-97 to 2^127 (never below: libzfp
    /// garbles blocks whose largest magnitude is under 2^-98), with zeros and exact repeats.
    /// </summary>
    private static float[] Values(ZfpField field, int seed)
    {
        var random = new Random(seed);
        var values = new float[field.Count];
        int scale = random.Next(-90, 120);
        for (int i = 0; i < values.Length; i++)
        {
            if (i % 37 == 0)
                scale = random.Next(-97, 127);
            double smooth = Math.Sin(i * 0.05) + 0.3 * Math.Cos(i * 0.011);
            double value = random.Next(10) switch
            {
                0 => 0,
                1 => random.NextDouble() - 0.5,
                _ => smooth + 0.01 * (random.NextDouble() - 0.5),
            };
            values[i] = (float)Math.ScaleB(value, scale);
            if (values[i] != 0 && MathF.Abs(values[i]) < MathF.ScaleB(1f, -97))
                values[i] = 0;
        }
        return values;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Block_sizes_match_the_rates_libzfp_settles_on(int dimensions)
    {
        foreach (double rate in Rates)
            Assert.Equal(LibZfp.ActualRate(rate, dimensions), new ZfpParameters(rate).BitsPerValueFor(dimensions));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Compression_and_decompression_are_bit_exact_with_libzfp(int dimensions, int nx, int ny, int nz)
    {
        var field = Field(dimensions, nx, ny, nz);
        foreach (double rate in Rates)
        {
            var values = Values(field, seed: nx * 1000 + ny * 10 + nz + (int)(rate * 4));
            var p = new ZfpParameters(rate);
            var theirs = LibZfp.Compress(values, field, rate);
            var ours = ZfpCodec.Compress(values, field, p, out bool nonFinite);
            Assert.False(nonFinite);
            Assert.True(theirs.AsSpan().SequenceEqual(ours), $"{field} at rate {rate}: streams differ from byte {theirs.AsSpan().CommonPrefixLength(ours)} of {theirs.Length}");
            Assert.Equal(ZfpCodec.CompressedBytes(field, p), ours.Length);
            AssertSameValues(LibZfp.Decompress(theirs, field, rate), ZfpCodec.Decompress(theirs, field, p), $"{field} at rate {rate}");
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Decoding_arbitrary_bits_is_bit_exact_with_libzfp(int dimensions, int nx, int ny, int nz)
    {
        var field = Field(dimensions, nx, ny, nz);
        var random = new Random(nx + 7 * ny + 31 * nz);
        foreach (double rate in Rates)
        {
            var p = new ZfpParameters(rate);
            var stream = new byte[ZfpCodec.CompressedBytes(field, p)];
            random.NextBytes(stream);
            AssertSameValues(LibZfp.Decompress(stream, field, rate), ZfpCodec.Decompress(stream, field, p), $"{field} at rate {rate}");
        }
    }

    [Fact]
    public void The_zfp_command_writes_the_same_2d_and_3d_files()
    {
        var dir = Directory.CreateTempSubdirectory("zfp-cli-field-");
        try
        {
            foreach (var (field, rate) in new[] { (ZfpField.TwoD(37, 21), 8.0), (ZfpField.TwoD(64, 64), 3.5), (ZfpField.ThreeD(9, 10, 11), 12.0), (ZfpField.ThreeD(16, 4, 8), 2.0) })
            {
                var values = Values(field, seed: (int)field.Count);
                string input = Path.Combine(dir.FullName, "in.f32"), compressed = Path.Combine(dir.FullName, "out.zfp"), output = Path.Combine(dir.FullName, "out.f32");
                File.WriteAllBytes(input, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
                var sizes = field.Dimensions == 2
                    ? new[] { "-2", $"{field.Nx}", $"{field.Ny}" }
                    : new[] { "-3", $"{field.Nx}", $"{field.Ny}", $"{field.Nz}" };
                LibZfpTests.RunZfp(["-f", .. sizes, "-r", rate.ToString(CultureInfo.InvariantCulture), "-i", input, "-z", compressed, "-o", output]);

                var p = new ZfpParameters(rate);
                Assert.Equal(File.ReadAllBytes(compressed), ZfpCodec.Compress(values, field, p, out _));
                AssertSameValues(MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(output)).ToArray(), ZfpCodec.Decompress(File.ReadAllBytes(compressed), field, p), $"{field}");
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Folding_a_shape_keeps_the_last_axes_and_merges_the_leading_ones()
    {
        Assert.Equal(ZfpField.OneD(10), ZfpField.Fold([10]));
        Assert.Equal(ZfpField.OneD(10), ZfpField.Fold([1, 10, 1]));
        Assert.Equal(ZfpField.TwoD(64, 10), ZfpField.Fold([10, 64]));
        Assert.Equal(ZfpField.ThreeD(3, 3, 64), ZfpField.Fold([64, 3, 3]));
        Assert.Equal(ZfpField.ThreeD(3, 3, 64 * 32), ZfpField.Fold([64, 32, 3, 3]));
        Assert.Equal(ZfpField.ThreeD(5, 4, 6), ZfpField.Fold([2, 1, 3, 4, 5]));
        Assert.Equal(ZfpField.OneD(0), ZfpField.Fold([3, 0, 4]));
        Assert.Equal(ZfpField.OneD(1), ZfpField.Fold([]));
        Assert.Equal("2-D 10x64", ZfpField.Fold([10, 64]).ToString());
    }

    private static void AssertSameValues(float[] theirs, float[] ours, string what)
    {
        Assert.Equal(theirs.Length, ours.Length);
        for (int i = 0; i < theirs.Length; i++)
            if (BitConverter.SingleToUInt32Bits(theirs[i]) != BitConverter.SingleToUInt32Bits(ours[i]))
                Assert.Fail($"{what}: value {i}: libzfp {theirs[i]:R}, ours {ours[i]:R}");
    }
}
