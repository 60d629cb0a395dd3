using System.Text;
using Zfpe.Reference.Files;

namespace Zfpe.Reference.Tests.Files;

public class NpyFileTests
{
    // Written by NumPy 1.24 (numpy.lib.format.write_array): [[-1, -0.5, 0], [0.5, 1, 1.5]] as float32.
    private const string NumpyV1 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAIC/AAAAvwAAAAAAAAA/AACAPwAAwD8=";
    private const string NumpyV2 = "k05VTVBZAgB0AAAAeydkZXNjcic6ICc8ZjQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAIC/AAAAvwAAAAAAAAA/AACAPwAAwD8=";
    private const string NumpyV3 = "k05VTVBZAwB0AAAAeydkZXNjcic6ICc8ZjQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAIC/AAAAvwAAAAAAAAA/AACAPwAAwD8=";
    // np.save of float64 [1.5, -2.25, 1e-3] and of the float32 scalar 3.0.
    private const string NumpyFloat64 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAD4PwAAAAAAAALA/Knx0k1iUD8=";
    private const string NumpyScalar = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAEBA";

    private static readonly float[] Expected = { -1f, -0.5f, 0f, 0.5f, 1f, 1.5f };

    [Theory]
    [InlineData(NumpyV1)]
    [InlineData(NumpyV2)]
    [InlineData(NumpyV3)]
    public void Files_written_by_numpy_in_every_format_version_are_read(string base64)
    {
        var tensor = NpyFile.Parse(Convert.FromBase64String(base64));
        Assert.Equal(new long[] { 2, 3 }, tensor.Shape);
        Assert.Equal(TensorDType.Float32, tensor.DType);
        Assert.Equal(Expected, tensor.Values);
    }

    [Fact]
    public void Float64_files_are_read_and_rounded_to_float32()
    {
        var tensor = NpyFile.Parse(Convert.FromBase64String(NumpyFloat64));
        Assert.Equal(TensorDType.Float64, tensor.DType);
        Assert.Equal(new long[] { 3 }, tensor.Shape);
        Assert.Equal(new[] { 1.5f, -2.25f, 1e-3f }, tensor.Values);
    }

    [Fact]
    public void Scalars_have_an_empty_shape_and_one_value()
    {
        var tensor = NpyFile.Parse(Convert.FromBase64String(NumpyScalar));
        Assert.Empty(tensor.Shape);
        Assert.Equal(new[] { 3f }, tensor.Values);
    }

    [Fact]
    public void Written_files_are_byte_for_byte_what_numpy_writes()
    {
        using var stream = new MemoryStream();
        NpyFile.Write(stream, new Tensor(Expected, new long[] { 2, 3 }));
        Assert.Equal(Convert.FromBase64String(NumpyV1), stream.ToArray());

        using var f64 = new MemoryStream();
        NpyFile.Write(f64, new Tensor(new[] { 1.5f, -2.25f }, new long[] { 2 }, TensorDType.Float64));
        var back = NpyFile.Parse(f64.ToArray());
        Assert.Equal(TensorDType.Float64, back.DType);
        Assert.Contains("'shape': (2,)", Encoding.Latin1.GetString(f64.ToArray()));
    }

    [Theory]
    [InlineData(new long[] { })]
    [InlineData(new long[] { 0 })]
    [InlineData(new long[] { 7 })]
    [InlineData(new long[] { 2, 3, 4 })]
    [InlineData(new long[] { 3, 0, 2 })]
    [InlineData(new long[] { 1, 1, 1, 1, 1, 5 })]
    public void Any_shape_round_trips_through_a_file(long[] shape)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        var random = new Random(8);
        var values = Enumerable.Range(0, (int)count).Select(_ => (float)random.NextDouble()).ToArray();
        foreach (var dtype in new[] { TensorDType.Float32, TensorDType.Float64 })
        {
            string path = Path.Combine(Path.GetTempPath(), $"npy-{Guid.NewGuid():N}.npy");
            try
            {
                NpyFile.Write(path, new Tensor(values, shape, dtype));
                long header = new FileInfo(path).Length - values.Length * (dtype == TensorDType.Float32 ? 4 : 8);
                Assert.Equal(0, header % 64);
                var back = NpyFile.Read(path);
                Assert.Equal(shape, back.Shape);
                Assert.Equal(dtype, back.DType);
                Assert.Equal(values, back.Values);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public void Fortran_order_is_rejected_with_the_fix()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Parse(Patch(NumpyV1, "'fortran_order': False", "'fortran_order': True ")));
        Assert.Contains("Fortran-order", e.Message);
        Assert.Contains("byte offset 10", e.Message);
        Assert.Contains("np.ascontiguousarray", e.Message);
    }

    [Fact]
    public void Big_endian_data_is_rejected()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Parse(Patch(NumpyV1, "'<f4'", "'>f4'")));
        Assert.Contains("big-endian dtype '>f4'", e.Message);
    }

    [Theory]
    [InlineData("'<i4'")]
    [InlineData("'<f2'")]
    [InlineData("'|u1'")]
    public void Other_dtypes_are_rejected_naming_the_dtype(string descr)
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Parse(Patch(NumpyV1, "'<f4'", descr)));
        Assert.Contains($"dtype {descr} in the .npy header at byte offset 10 is not supported", e.Message);
    }

    [Fact]
    public void Truncated_data_is_rejected_saying_how_much_is_missing_and_where()
    {
        var bytes = Convert.FromBase64String(NumpyV1);
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Parse(bytes.AsSpan(0, bytes.Length - 3)));
        Assert.Contains("truncated .npy data", e.Message);
        Assert.Contains("needs 24 bytes of data from byte offset 128", e.Message);
        Assert.Contains("ends at byte offset 149", e.Message);
    }

    [Fact]
    public void A_file_cut_inside_the_header_is_rejected()
    {
        var bytes = Convert.FromBase64String(NumpyV1);
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Parse(bytes.AsSpan(0, 50)));
        Assert.Contains("truncated .npy file", e.Message);
        Assert.Contains("ends at byte 128", e.Message);
    }

    [Fact]
    public void Trailing_bytes_are_rejected()
    {
        var bytes = Convert.FromBase64String(NumpyV1).Concat(new byte[] { 1, 2 }).ToArray();
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Parse(bytes));
        Assert.Contains("2 unexpected bytes after the array data at byte offset 152", e.Message);
    }

    [Fact]
    public void Files_that_are_not_npy_or_of_an_unknown_version_are_rejected()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Parse(Encoding.ASCII.GetBytes("PK\x03\x04 zip")));
        Assert.Contains("not a .npy file", e.Message);
        var bytes = Convert.FromBase64String(NumpyV1);
        bytes[6] = 4;
        e = Assert.Throws<InvalidDataException>(() => NpyFile.Parse(bytes));
        Assert.Contains("unsupported .npy format version 4.0 at byte offset 6", e.Message);
    }

    [Theory]
    [InlineData("'shape': (2, 3)", "'shapes': (2, 3)", "no 'shape'")]
    [InlineData("'shape': (2, 3)", "'shape': (2, -3)", "not a non-negative integer")]
    [InlineData("'shape': (2, 3)", "'shape': (2, 3]", "expected ',' or ')'")]
    [InlineData("{'descr'", "['descr'", "not a Python dict")]
    public void Malformed_headers_are_rejected_with_a_reason(string from, string to, string reason)
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Parse(Patch(NumpyV1, from, to)));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void A_read_error_names_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.npy");
        File.WriteAllBytes(path, new byte[] { 1, 2, 3 });
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => NpyFile.Read(path));
            Assert.StartsWith(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Replaces text in the header, keeping the header length (pad with spaces in <paramref name="to"/>).</summary>
    private static byte[] Patch(string base64, string from, string to)
    {
        var bytes = Convert.FromBase64String(base64);
        string text = Encoding.Latin1.GetString(bytes);
        int at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' not in the fixture");
        string patched = text[..at] + to + text[(at + from.Length)..];
        var result = Encoding.Latin1.GetBytes(patched);
        Assert.Equal(bytes.Length + to.Length - from.Length, result.Length);
        if (to.Length != from.Length)
        {
            // Keep the data where the header length says it is by trimming or adding header padding.
            int delta = to.Length - from.Length;
            int newline = Array.IndexOf(result, (byte)'\n');
            var list = result.ToList();
            if (delta > 0)
                list.RemoveRange(newline - delta, delta);
            else
                list.InsertRange(newline, Enumerable.Repeat((byte)' ', -delta));
            result = list.ToArray();
        }
        return result;
    }
}
