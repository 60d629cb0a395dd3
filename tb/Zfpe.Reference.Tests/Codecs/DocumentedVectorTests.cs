using System.Globalization;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Files;
using Zfpe.Reference.Peers;

namespace Zfpe.Reference.Tests.Codecs;

/// <summary>
/// The test vectors printed in docs/zfpe-format.md §10, read from the page itself and checked
/// against the reference codecs (and ZFP's against libzfp): the specification cannot drift from
/// the code without this failing.
/// </summary>
public class DocumentedVectorTests
{
    private static readonly Lazy<string[]> Page = new(() =>
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string path = Path.Combine(d.FullName, "docs", "zfpe-format.md");
            if (File.Exists(path))
                return File.ReadAllLines(path);
        }
        throw new FileNotFoundException("docs/zfpe-format.md was not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The cells of every row of the table whose header row is <paramref name="header"/>.</summary>
    private static List<string[]> Table(string header)
    {
        var lines = Page.Value;
        int at = Array.IndexOf(lines, header);
        Assert.True(at >= 0, $"docs/zfpe-format.md has no table with the header {header}");
        var rows = new List<string[]>();
        for (int i = at + 2; i < lines.Length && lines[i].StartsWith('|'); i++)
            rows.Add(lines[i].Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray());
        return rows;
    }

    private static float[] Floats(string cell) =>
        cell.Split(',').Select(v => float.Parse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();

    private static byte[] Bytes(string cell) =>
        cell.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(h => byte.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void The_zfpe_block_vectors_are_what_the_reference_encodes_and_decodes()
    {
        var rows = Table("| b | exponent-bits | split | input | E | block | decoded |");
        Assert.True(rows.Count >= 14, $"only {rows.Count} ZFPe vectors");
        foreach (var row in rows)
            CheckBlock(new ZfpeParameters(Int(row[0]), Int(row[1]), Int(row[2])), row[3..], row);
    }

    [Fact]
    public void The_zfpe_vectors_with_a_rounding_are_what_the_reference_encodes_and_decodes()
    {
        var rows = Table("| b | exponent-bits | split | rounding | input | E | block | decoded |");
        Assert.True(rows.Count >= 10, $"only {rows.Count} ZFPe vectors with a rounding");
        foreach (var row in rows)
            CheckBlock(new ZfpeParameters(Int(row[0]), Int(row[1]), Int(row[2]), ZfpeParameters.ParseRounding(row[3])), row[4..], row);
    }

    private static int Int(string cell) => int.Parse(cell, CultureInfo.InvariantCulture);

    /// <summary>One block row: <paramref name="cells"/> are its input, E, block and decoded values.</summary>
    private static void CheckBlock(ZfpeParameters p, string[] cells, string[] row)
    {
        var input = Floats(cells[0]);
        var block = UInt128.Parse(cells[2][2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        string what = $"row '{string.Join(" | ", row)}'";

        var encoded = ZfpeCodec.EncodeBlock(input, p);
        Assert.True(encoded.E == Int(cells[1]), $"{what}: E is {encoded.E}");
        Assert.True(encoded.Bits == block, $"{what}: the reference encodes 0x{encoded.Bits:x}");
        var decoded = ZfpeCodec.DecodeBlock(block, p).Values;
        Assert.True(decoded.SequenceEqual(Floats(cells[3])), $"{what}: the reference decodes {string.Join(", ", decoded)}");
        var stream = ZfpeCodec.Compress(input, p, out _);
        Assert.Equal(Enumerable.Range(0, stream.Length).Select(i => (byte)(block >> (8 * i))), stream);
    }

    [Fact]
    public void The_zfp_stream_vectors_are_what_the_reference_and_libzfp_write()
    {
        var rows = Table("| nx, ny, nz | dimensions | rate | maxbits | input | stream | decoded |");
        Assert.True(rows.Count >= 7, $"only {rows.Count} ZFP vectors");
        foreach (var row in rows)
        {
            var n = row[0].Split(',').Select(v => long.Parse(v.Trim(), CultureInfo.InvariantCulture)).ToArray();
            var field = int.Parse(row[1], CultureInfo.InvariantCulture) switch
            {
                1 => ZfpField.OneD(n[0]),
                2 => ZfpField.TwoD(n[0], n[1]),
                _ => ZfpField.ThreeD(n[0], n[1], n[2]),
            };
            double rate = double.Parse(row[2], CultureInfo.InvariantCulture);
            var p = new ZfpParameters(rate);
            var input = Floats(row[4]);
            var stream = Bytes(row[5]);
            string what = $"row '{string.Join(" | ", row)}'";
            Assert.True(p.MaxBitsFor(field.Dimensions) == int.Parse(row[3], CultureInfo.InvariantCulture), $"{what}: maxbits is {p.MaxBitsFor(field.Dimensions)}");
            Assert.True(ZfpCodec.Compress(input, field, p, out _).SequenceEqual(stream), $"{what}: the reference writes {BitConverter.ToString(ZfpCodec.Compress(input, field, p, out _))}");
            Assert.True(LibZfp.Compress(input, field, rate).SequenceEqual(stream), $"{what}: libzfp writes {BitConverter.ToString(LibZfp.Compress(input, field, rate))}");
            Assert.Equal(Floats(row[6]), ZfpCodec.Decompress(stream, field, p));
        }
    }

    [Fact]
    public void The_container_example_is_what_the_reference_writes()
    {
        var lines = Page.Value;
        int start = Array.IndexOf(lines, "### A container");
        Assert.True(start >= 0, "docs/zfpe-format.md has no '### A container' example");
        int open = Array.IndexOf(lines, "```", start), close = Array.IndexOf(lines, "```", open + 1);
        var bytes = lines[(open + 1)..close].SelectMany(l => Bytes(l.Split("  ")[0])).ToArray();

        var codec = ContainerCodec.ForZfpe(new ZfpeParameters());
        float[] values = [1f, 0.5f, -0.25f, 0.125f, 2f, -3f];
        var contents = new ZfpeContainerContents { Codec = codec, Shape = [2, 3], OriginalDType = TensorDType.Float32, Payload = codec.Compress(values, out _) };
        Assert.Equal(ZfpeContainer.Serialize(contents), bytes);
        var read = ZfpeContainer.Parse(bytes);
        Assert.Equal(new long[] { 2, 3 }, read.Shape);
        Assert.Equal(codec.Decompress(contents.Payload, 6), codec.Decompress(read.Payload, read.ValueCount));
    }
}
