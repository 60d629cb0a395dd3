using System.Buffers.Binary;
using System.Text;
using Zfpe.Reference.Files;

namespace Zfpe.Reference.Tests.Files;

/// <summary>
/// .npy files built to break the reader: deep nesting, huge header lengths, shapes whose element
/// count overflows, non-UTF-8 and multi-byte headers, and thousands of random corruptions. Each is
/// rejected with an <see cref="InvalidDataException"/> naming the field and its byte offset; none
/// crashes the process, throws anything else, or is accepted with a wrapped-around size.
/// </summary>
public class NpyHostileInputTests
{
    /// <summary>A .npy file of format <paramref name="major"/>.0 with this header text (padded as NumPy pads) and data.</summary>
    private static byte[] File(string header, byte[]? data = null, int major = 1)
    {
        var encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        int prefix = major == 1 ? 10 : 12;
        int length = encoding.GetByteCount(header) + 1;
        int padded = (prefix + length + 63) / 64 * 64 - prefix;
        var bytes = new byte[prefix + padded];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0 }.CopyTo(bytes, 0);
        if (major == 1)
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)padded);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)padded);
        int written = encoding.GetBytes(header, bytes.AsSpan(prefix));
        bytes.AsSpan(prefix + written, padded - written - 1).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return data is null ? bytes : [.. bytes, .. data];
    }

    private static string Rejected(byte[] file) => Assert.Throws<InvalidDataException>(() => NpyFile.Parse(file)).Message;

    [Fact]
    public void A_header_nested_100000_deep_is_rejected_by_its_length_without_parsing()
    {
        var header = "{'descr': " + new string('[', 100_000) + "}";
        var file = File(header, major: 2);
        Assert.Equal("the header length 100020 at byte offset 8 is more than the 65536 bytes this reader accepts (NumPy writes about 128)", Rejected(file));
    }

    [Fact]
    public void Nesting_deeper_than_the_bound_is_rejected_where_it_goes_too_deep()
    {
        var header = "{'descr': " + new string('[', 60_000) + "}";
        string message = Rejected(File(header, major: 2));
        // The dict is level 1; the 16th '[' is level 17, at text index 10 + 15, byte 12 + 25.
        Assert.Equal("malformed .npy header at byte offset 37: values nested more than 16 deep (a real header nests 2)", message);
    }

    [Fact]
    public void A_huge_header_length_field_is_rejected_before_anything_is_allocated()
    {
        var file = File("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4], major: 2);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), 0xFFFF_FFF0);
        Assert.StartsWith("the header length 4294967280 at byte offset 8 is more than the 65536 bytes", Rejected(file));
    }

    [Theory]
    [InlineData("(3, 6148914691236517208)")]                 // 2^64 + 8 elements: wrapped to 8 before
    [InlineData("(4294967296, 4294967296, 1, 8)")]           // 2^67 elements: wrapped to 0 before
    [InlineData("(9223372036854775807, 2)")]
    [InlineData("(2305843009213693952,)")]                   // 2^61 float32 = 2^63 bytes
    public void Shapes_whose_size_overflows_64_bits_are_rejected_at_the_shape(string shape)
    {
        string header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}";
        string message = Rejected(File(header, new byte[32]));
        int at = 10 + header.IndexOf('(');
        Assert.Contains($"at byte offset {at} describes more than 2^63 bytes of data: its element count overflows 64-bit arithmetic", message);
    }

    [Fact]
    public void An_empty_dimension_makes_an_empty_array_unless_the_others_overflow()
    {
        Assert.Empty(NpyFile.Parse(File("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 1000000000000), }")).Values);
        Assert.Contains("overflows", Rejected(File("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 4294967296, 4294967296), }")));
    }

    [Fact]
    public void Shapes_larger_than_memory_allows_are_rejected_with_the_count()
    {
        string message = Rejected(File("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }"));
        Assert.Contains("holds 10000000000 values, more than this tool can load at once", message);
    }

    [Fact]
    public void More_than_64_dimensions_are_rejected()
    {
        string shape = "(" + string.Join(", ", Enumerable.Repeat("1", 65)) + ")";
        Assert.Contains("has 65 dimensions, more than NumPy's 64", Rejected(File($"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}", new byte[4])));
    }

    [Fact]
    public void Offsets_in_utf8_headers_count_bytes_not_characters()
    {
        // 'é' and 'ü' take two bytes each, '€' three: the dimension starts 4 bytes later than its character index.
        string header = "{'descr': '<f4', 'é': 'ü€', 'fortran_order': False, 'shape': (2, -3), }";
        int characters = header.IndexOf("-3", StringComparison.Ordinal);
        string message = Rejected(File(header, major: 3));
        Assert.Contains($"'shape' dimension 1 at byte offset {12 + characters + 4} is '-3'", message);

        var invalid = File("{'descr': '<f4', 'x': 'ab', 'fortran_order': False, 'shape': (1,), }", new byte[4], major: 3);
        int a = Encoding.ASCII.GetString(invalid).IndexOf("'ab'", StringComparison.Ordinal) + 1;
        invalid[a] = 0xFF;
        Assert.Equal($"malformed .npy header at byte offset {a}: a version-3 header is UTF-8, but these bytes are not", Rejected(invalid));
    }

    [Fact]
    public void Thousands_of_random_corruptions_are_rejected_cleanly_or_read_within_bounds()
    {
        var good = File("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", new byte[24]);
        var random = new Random(17);
        int rejected = 0;
        for (int trial = 0; trial < 5000; trial++)
        {
            var file = (byte[])good.Clone();
            switch (trial % 4)
            {
                case 0:
                    file[random.Next(file.Length)] = (byte)random.Next(256);
                    break;
                case 1:
                    file = file[..random.Next(file.Length)];
                    break;
                case 2:
                    int at = random.Next(10, 70);
                    file[at] = (byte)"([{'\"-9,:)]} TrueFalse"[random.Next(22)];
                    break;
                default:
                    BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), (ushort)random.Next(65536));
                    break;
            }
            try
            {
                var tensor = NpyFile.Parse(file);
                Assert.Equal(tensor.Shape.Aggregate(1L, (p, d) => p * d), tensor.Values.LongLength);
            }
            catch (InvalidDataException e)
            {
                Assert.Matches(@"(byte offset \d+|byte \d+|\d+ bytes)", e.Message);
                rejected++;
            }
        }
        Assert.True(rejected > 3000, $"only {rejected} of 5000 corruptions were rejected");
    }
}
