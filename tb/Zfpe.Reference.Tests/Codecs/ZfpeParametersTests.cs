using Zfpe.Reference.Codecs;

namespace Zfpe.Reference.Tests.Codecs;

public class ZfpeParametersTests
{
    [Theory]
    [InlineData(5, 8, 28, 32, 8.0)]
    [InlineData(5, 9, 28, 33, 8.25)]
    [InlineData(9, 9, 28, 49, 12.25)]
    [InlineData(9, 8, 28, 48, 12.0)]
    [InlineData(13, 8, 28, 64, 16.0)]
    [InlineData(28, 9, 31, 125, 31.25)]
    public void Block_size_is_the_exponent_field_plus_four_flagged_payloads(int b, int exponentBits, int split, int blockBits, double bitsPerValue)
    {
        var p = new ZfpeParameters(b, exponentBits, split);
        p.Validate();
        Assert.Equal(blockBits, p.BlockBits);
        Assert.Equal(bitsPerValue, p.BitsPerValue);
    }

    [Fact]
    public void The_defaults_are_the_8_bit_budget_with_the_exact_fit_exponent()
    {
        var p = new ZfpeParameters();
        Assert.Equal((5, 8, 28), (p.B, p.ExponentBits, p.Split));
        Assert.Equal(32, p.BlockBits);
    }

    [Theory]
    [InlineData(0, 8, 28, "b (payload bits) = 0", "1..28")]
    [InlineData(29, 8, 29, "b (payload bits) = 29", "1..28")]
    [InlineData(5, 7, 28, "exponent-bits = 7", "8")]
    [InlineData(5, 10, 28, "exponent-bits = 10", "9")]
    [InlineData(9, 8, 8, "split = 8", "9..31")]
    [InlineData(5, 8, 32, "split = 32", "5..31")]
    public void Validation_names_the_parameter_its_value_and_the_allowed_range(int b, int exponentBits, int split, string named, string range)
    {
        var e = Assert.Throws<ArgumentException>(() => new ZfpeParameters(b, exponentBits, split).Validate());
        Assert.Contains(named, e.Message);
        Assert.Contains(range, e.Message);
    }

    [Fact]
    public void Codec_entry_points_validate_their_parameters()
    {
        var bad = new ZfpeParameters(B: 0);
        Assert.Throws<ArgumentException>(() => ZfpeCodec.Compress([1f], bad, out _));
        Assert.Throws<ArgumentException>(() => ZfpeCodec.Decompress([0], 1, bad));
        Assert.Throws<ArgumentException>(() => ZfpeCodec.EncodeBlock(new float[4], bad));
        Assert.Throws<ArgumentException>(() => ZfpeCodec.DecodeBlock(0, bad));
        Assert.Throws<ArgumentException>(() => ZfpeCodec.CompressedBytes(-1, new ZfpeParameters()));
    }
}
