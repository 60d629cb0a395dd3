using Zfpe.Reference.Files;

namespace Zfpe.Reference.Tests.Files;

public class RawF32FileTests
{
    [Fact]
    public void Raw_files_round_trip_little_endian_floats()
    {
        string path = Path.Combine(Path.GetTempPath(), $"raw-{Guid.NewGuid():N}.f32");
        try
        {
            var values = new[] { 1f, -2.5f, float.Epsilon, float.MaxValue };
            RawF32File.Write(path, values);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(16, bytes.Length);
            Assert.Equal(new byte[] { 0x00, 0x00, 0x80, 0x3F }, bytes[..4]);
            var back = RawF32File.Read(path);
            Assert.Equal(values, back.Values);
            Assert.Equal(new long[] { 4 }, back.Shape);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_size_that_is_not_a_multiple_of_4_is_rejected_with_the_offset()
    {
        var e = Assert.Throws<InvalidDataException>(() => RawF32File.Parse(new byte[10]));
        TextAssert.ContainsAll(e.Message,
            "has 10 bytes",
            "the last 2 bytes at byte offset 8");
    }

    [Fact]
    public void An_empty_file_is_an_empty_tensor()
    {
        var tensor = RawF32File.Parse(ReadOnlySpan<byte>.Empty);
        Assert.Empty(tensor.Values);
        Assert.Equal(new long[] { 0 }, tensor.Shape);
    }
}
