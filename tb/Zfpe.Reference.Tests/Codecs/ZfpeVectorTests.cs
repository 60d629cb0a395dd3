using Zfpe.Reference.Codecs;

namespace Zfpe.Reference.Tests.Codecs;

/// <summary>The test vectors of docs/zfpe-format.md §10 (the authors' C++ model; exponent-bits = 9, split = 28).</summary>
public class ZfpeVectorTests
{
    /// <summary>The vectors' format: exponent-bits 9, split 28.</summary>
    private static ZfpeParameters Parameters(int b) => new(b, ExponentBits: 9, Split: 28);

    /// <summary>A block as the table prints it, in hex.</summary>
    private static UInt128 Bits(string hex) => UInt128.Parse(hex, System.Globalization.NumberStyles.HexNumber);

    public static TheoryData<float[], int, int, string, double[]> Vectors => new()
    {
        { [1.0f, 0.5f, -0.25f, 0.125f], 5, 128, "3c838e80", [0.78125, 0.46875, -0.40625, 0.15625] },
        { [1.0f, 0.5f, -0.25f, 0.125f], 9, 128, "35c803c8fa80", [0.98828125, 0.49609375, -0.24609375, 0.13671875] },
        { [0f, 0f, 0f, 0f], 5, 0, "0", [0, 0, 0, 0] },
        { [3.14159f, -2.71828f, 1.41421f, 0.57721f], 5, 129, "49e38e81", [3.25, -3.25, 1.25, 0.75] },
        { [3.14159f, -2.71828f, 1.41421f, 0.57721f], 9, 129, "4c9e2338f681", [3.109375, -2.734375, 1.421875, 0.578125] },
        { [0.001f, 0.002f, -0.0005f, 0f], 5, 119, "3b038e77", [0.0009765625, 0.0014648438, -0.00024414062, -0.00024414062] },
        { [0.05f, 0.049f, 0.051f, 0.048f], 5, 123, "60c33a7b", [0.047363281, 0.046386719, 0.048339844, 0.045410156] },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Each_vector_encodes_to_the_published_exponent_and_block_bits(float[] input, int b, int e, string hex, double[] decoded)
    {
        _ = decoded;
        var p = Parameters(b);
        var trace = ZfpeCodec.EncodeBlock(input, p);
        Assert.Equal(e, trace.E);
        Assert.Equal(Bits(hex), trace.Bits);
        Assert.False(trace.NonFiniteInput);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Each_vector_decodes_to_the_published_values(float[] input, int b, int e, string hex, double[] decoded)
    {
        _ = (input, e);
        var p = Parameters(b);
        var trace = ZfpeCodec.DecodeBlock(Bits(hex), p);
        for (int k = 0; k < 4; k++)
        {
            // The table prints 8 significant digits (so it is off by up to half a unit in the 8th);
            // a wrong payload moves a value by far more.
            double tolerance = 1e-7 * Math.Abs(decoded[k]);
            Assert.True(Math.Abs(trace.Values[k] - decoded[k]) <= tolerance,
                $"value {k}: decoded {trace.Values[k]:R}, the table says {decoded[k]}");
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Each_vector_compresses_to_a_stream_holding_the_block_bits(float[] input, int b, int e, string hex, double[] decoded)
    {
        _ = (e, decoded);
        var p = Parameters(b);
        var stream = ZfpeCodec.Compress(input, p, out bool nonFinite);
        var expected = Bits(hex);
        Assert.False(nonFinite);
        Assert.Equal((p.BlockBits + 7) / 8, stream.Length);
        for (int i = 0; i < stream.Length; i++)
            Assert.Equal((byte)(expected >> (8 * i)), stream[i]);
    }

    [Fact]
    public void The_worked_example_passes_through_the_published_intermediate_values()
    {
        var trace = ZfpeCodec.EncodeBlock([1.0f, 0.5f, -0.25f, 0.125f], new ZfpeParameters(5, 9, 28));

        Assert.Equal(1, trace.Emax);
        Assert.Equal(128, trace.E);
        Assert.Equal([0x20000000, 0x10000000, unchecked((int)0xF8000000), 0x04000000], trace.FixedPoint);
        Assert.Equal([184549376, 171966464, -117440512, 92274688], trace.Lifted);
        Assert.Equal([0x1F000000u, 0x1E400000u, 0x09000000u, 0x1A800000u], trace.Negabinary);
        Assert.Equal([true, true, false, true], trace.Flags);
        Assert.Equal([0b00011u, 0b00011u, 0b10010u, 0b00011u], trace.Payloads);
    }

    [Fact]
    public void The_worked_example_decodes_through_the_inverse_stages_consistently()
    {
        var p = new ZfpeParameters(5, 9, 28);
        var decode = ZfpeCodec.DecodeBlock(0x3c838e80, p);

        Assert.Equal(128, decode.E);
        Assert.Equal([true, true, false, true], decode.Flags);
        Assert.Equal([0b00011u, 0b00011u, 0b10010u, 0b00011u], decode.Payloads);
        // Payload 00011 in the high window is u = 0x18000000; 10010 in the low window is 0x09000000.
        Assert.Equal([0x18000000u, 0x18000000u, 0x09000000u, 0x18000000u], decode.Negabinary);
        Assert.Equal(decode.Negabinary.Select(BlockTransform.InverseNegabinary), decode.Lifted);
        var q = (int[])decode.Lifted.Clone();
        BlockTransform.InverseLift(q);
        Assert.Equal(q, decode.FixedPoint);
        Assert.Equal([0.78125f, 0.46875f, -0.40625f, 0.15625f], decode.Values);
    }
}
