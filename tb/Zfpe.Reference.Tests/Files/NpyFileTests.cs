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

    // The same layout written by hand, as NumPy writes it: a Fortran-order (2, 3) float32 array whose
    // C-order values are 0..5, float16 [1, -2, 0.5, 65504], and big-endian float64 [1.5, -3].
    private const string Fortran = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAABAQAAAgD8AAIBAAAAAQAAAoEA=";
    private const string Half = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGYyJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDQsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAPADAADj/ew==";
    private const string BigEndian = "k05VTVBZAQB2AHsnZGVzY3InOiAnPmY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAo/+AAAAAAAAMAIAAAAAAAA";

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
    public void Fortran_order_arrays_are_read_in_c_order()
    {
        var tensor = NpyFile.Parse(Convert.FromBase64String(Fortran));
        Assert.Equal(new long[] { 2, 3 }, tensor.Shape);
        Assert.Equal(new[] { 0f, 1f, 2f, 3f, 4f, 5f }, tensor.Values);
    }

    [Fact]
    public void A_three_dimensional_fortran_array_is_reordered_like_numpy()
    {
        // C-order value at (i, j, k) of shape (2, 3, 4) is 12i + 4j + k; Fortran order stores i fastest, then j, then k.
        var data = new List<byte>();
        for (int k = 0; k < 4; k++)
            for (int j = 0; j < 3; j++)
                for (int i = 0; i < 2; i++)
                    data.AddRange(BitConverter.GetBytes((float)(12 * i + 4 * j + k)));
        var bytes = Patch(NumpyV1, "'fortran_order': False, 'shape': (2, 3)", "'fortran_order': True, 'shape': (2, 3, 4)");
        var file = bytes[..128].Concat(data).ToArray();
        Assert.Equal(Enumerable.Range(0, 24).Select(v => (float)v), NpyFile.Parse(file).Values);
    }

    [Fact]
    public void Float16_files_are_read_exactly_and_written_back_as_float16()
    {
        var tensor = NpyFile.Parse(Convert.FromBase64String(Half));
        Assert.Equal(TensorDType.Float16, tensor.DType);
        Assert.Equal(new[] { 1f, -2f, 0.5f, 65504f }, tensor.Values);
        using var stream = new MemoryStream();
        NpyFile.Write(stream, tensor);
        Assert.Equal(Convert.FromBase64String(Half), stream.ToArray());
    }

    [Fact]
    public void Writing_float16_saturates_finite_values_beyond_its_range_and_keeps_infinities()
    {
        using var stream = new MemoryStream();
        NpyFile.Write(stream, new Tensor(new[] { 70000f, -1e30f, float.PositiveInfinity, 0.1f }, [4], TensorDType.Float16));
        var back = NpyFile.Parse(stream.ToArray());
        Assert.Equal(new[] { 65504f, -65504f, float.PositiveInfinity, (float)(Half)0.1f }, back.Values);
    }

    [Fact]
    public void Big_endian_files_are_read()
    {
        var tensor = NpyFile.Parse(Convert.FromBase64String(BigEndian));
        Assert.Equal(TensorDType.Float64, tensor.DType);
        Assert.Equal(new[] { 1.5f, -3f }, tensor.Values);
        var single = Patch(NumpyV1, "'<f4'", "'>f4'");
        for (int i = 128; i < single.Length; i += 4)
            Array.Reverse(single, i, 4);
        Assert.Equal(Expected, NpyFile.Parse(single).Values);
    }

    [Fact]
    public void Float64_values_beyond_float32_are_counted_as_overflows()
    {
        var bytes = Convert.FromBase64String(NumpyFloat64);
        BitConverter.GetBytes(1e300).CopyTo(bytes, 128 + 8);
        BitConverter.GetBytes(-1e39).CopyTo(bytes, 128 + 16);
        var tensor = NpyFile.Parse(bytes);
        Assert.Equal(new[] { 1.5f, float.PositiveInfinity, float.NegativeInfinity }, tensor.Values);
        Assert.Equal(2, tensor.Float32Overflows);
        Assert.Equal(1, tensor.FirstFloat32Overflow);
        Assert.Equal(0, NpyFile.Parse(Convert.FromBase64String(NumpyFloat64)).Float32Overflows);
    }

    [Theory]
    [InlineData("'<i4'")]
    [InlineData("'<c8'")]
    [InlineData("'|u1'")]
    public void Other_dtypes_are_rejected_naming_the_dtype(string descr)
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Parse(Patch(NumpyV1, "'<f4'", descr)));
        Assert.Contains($"'descr' (dtype) {descr} at byte offset 20 is not supported", e.Message);
    }

    [Fact]
    public void Truncated_data_is_rejected_saying_how_much_is_missing_and_where()
    {
        var bytes = Convert.FromBase64String(NumpyV1);
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Parse(bytes.AsSpan(0, bytes.Length - 3)));
        TextAssert.ContainsAll(e.Message,
            "truncated .npy data",
            "needs 24 bytes of data from byte offset 128",
            "ends at byte offset 149");
    }

    [Fact]
    public void A_file_cut_inside_the_header_is_rejected()
    {
        var bytes = Convert.FromBase64String(NumpyV1);
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Parse(bytes.AsSpan(0, 50)));
        TextAssert.ContainsAll(e.Message,
            "truncated .npy file",
            "ends at byte 128");
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
    [InlineData("'shape': (2, 3)", "'shape': (2, -3)", "'shape' dimension 1 at byte offset 64 is '-3', not a non-negative integer")]
    [InlineData("'shape': (2, 3)", "'shape': (2, True)", "'shape' dimension 1 at byte offset 64 is 'True'")]
    [InlineData("'shape': (2, 3)", "'shape': 6", "'shape' at byte offset 60 is not a tuple")]
    [InlineData("'fortran_order': False", "'fortran_order': 0", "'fortran_order' at byte offset 44 is not True or False")]
    [InlineData("'shape': (2, 3)", "'shape': (2, 99999999999999999999)", "'99999999999999999999' is not an integer that fits in 64 bits")]
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
