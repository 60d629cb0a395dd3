using System.Buffers.Binary;
using System.Globalization;
using System.Xml.Linq;

namespace Zfpe.Flow.Tests.Sweep;

/// <summary>Checks on what a sweep writes: the CSV read back by column name, and images that really are images.</summary>
public static class SweepOutputChecks
{
    /// <summary>results.csv as one dictionary per row, keyed by the header; every row has the header's field count.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadCsv(string path)
    {
        var rows = SweepCsv.Parse(File.ReadAllText(path));
        Assert.True(rows.Count >= 2, $"{path} has no data rows");
        var header = rows[0];
        Assert.Equal(header.Count, header.Distinct().Count());
        return rows.Skip(1).Select((r, i) =>
        {
            Assert.True(r.Count == header.Count, $"row {i + 1} of {path} has {r.Count} fields, the header {header.Count}");
            return (IReadOnlyDictionary<string, string>)header.Zip(r).ToDictionary(x => x.First, x => x.Second);
        }).ToList();
    }

    public static double Number(IReadOnlyDictionary<string, string> row, string column)
    {
        Assert.True(row.TryGetValue(column, out var text), $"no column {column}");
        Assert.True(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v), $"{column} = '{text}' is not a number");
        return v;
    }

    /// <summary>Well-formed XML with an svg root that draws something.</summary>
    public static void AssertSvg(string path)
    {
        Assert.True(File.Exists(path), $"{path} is missing");
        var doc = XDocument.Load(path);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        Assert.True(doc.Descendants().Count(e => e.Name.LocalName is "path" or "polyline" or "circle" or "use") > 5, $"{path} draws almost nothing");
        Assert.Contains(doc.Descendants(), e => e.Name.LocalName == "text");
    }

    /// <summary>A PNG signature, an IHDR of a sensible size, and an IEND chunk at the end.</summary>
    public static void AssertPng(string path)
    {
        Assert.True(File.Exists(path), $"{path} is missing");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        Assert.Equal((800, 500), (width, height));
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 8, 4));
    }
}
