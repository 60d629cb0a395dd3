using System.Text;
using Zfpe.Reference.Files;

namespace Zfpe.Reference.Tests.Files;

public class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    [InlineData("a", 0xE8B7BE43u)]
    public void Crc32_matches_the_published_check_values(string text, uint expected)
    {
        Assert.Equal(expected, Crc32.Compute(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Crc32_over_chunks_equals_crc32_over_the_whole()
    {
        var data = new byte[10_000];
        new Random(4).NextBytes(data);
        uint register = Crc32.Start;
        for (int start = 0; start < data.Length; start += 777)
            register = Crc32.Update(register, data.AsSpan(start, Math.Min(777, data.Length - start)));
        Assert.Equal(Crc32.Compute(data), Crc32.Finish(register));
    }

    [Fact]
    public void Crc32_detects_every_single_bit_flip()
    {
        var data = new byte[64];
        new Random(6).NextBytes(data);
        uint reference = Crc32.Compute(data);
        for (int bit = 0; bit < data.Length * 8; bit++)
        {
            data[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(reference, Crc32.Compute(data));
            data[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }
}
