using Zfpe.Reference.Files;

namespace Zfpe.Reference.Tests.Files;

/// <summary>.npz archives as np.savez and np.savez_compressed write them (zip64 entries "<name>.npy").</summary>
public sealed class NpzFileTests : IDisposable
{
    // Written by Python's zipfile exactly as numpy's _savez does (force_zip64), with arrays
    // weight = float32 [[-1, -0.5, 0], [0.5, 1, 1.5]] and bias = float64 [0.25, -4, 8].
    private const string Stored = "UEsDBC0AAAAAAAAAIQBLSmgB//////////8KABQAd2VpZ2h0Lm5weQEAEACYAAAAAAAAAJgAAAAAAAAAk05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAIC/AAAAvwAAAAAAAAA/AACAPwAAwD9QSwMELQAAAAAAAAAhABdW/QX//////////wgAFABiaWFzLm5weQEAEACYAAAAAAAAAJgAAAAAAAAAk05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAADQPwAAAAAAABDAAAAAAAAAIEBQSwECLQMtAAAAAAAAACEAS0poAZgAAACYAAAACgAAAAAAAAAAAAAAgAEAAAAAd2VpZ2h0Lm5weVBLAQItAy0AAAAAAAAAIQAXVv0FmAAAAJgAAAAIAAAAAAAAAAAAAACAAdQAAABiaWFzLm5weVBLBQYAAAAAAgACAG4AAACmAQAAAAA=";
    private const string Deflated = "UEsDBC0AAAAIAAAAIQBLSmgB//////////8KABQAd2VpZ2h0Lm5weQEAEACYAAAAAAAAAFcAAAAAAAAAm+wX6hsQychQxlCtnpJanFykbqWgbpNmoq6joJ6WX1RSlJgXn1+UkgoSd0vMKU4FihdnJBakAvkaRjoKxpo6CrUKZAMuBoaG/QwMDCAMAvZAPhAfsAcAUEsDBC0AAAAIAAAAIQAXVv0F//////////8IABQAYmlhcy5ucHkBABAAmAAAAAAAAABQAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TZqGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GsY6mjoKtQoUAC4GMLhgD6EFDkBoBQcAUEsBAi0DLQAAAAgAAAAhAEtKaAFXAAAAmAAAAAoAAAAAAAAAAAAAAIABAAAAAHdlaWdodC5ucHlQSwECLQMtAAAACAAAACEAF1b9BVAAAACYAAAACAAAAAAAAAAAAAAAgAGTAAAAYmlhcy5ucHlQSwUGAAAAAAIAAgBuAAAAHQEAAAAA";

    private readonly string _directory = Directory.CreateTempSubdirectory("npz-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Archive(string base64)
    {
        string path = Path.Combine(_directory, "model.npz");
        File.WriteAllBytes(path, Convert.FromBase64String(base64));
        return path;
    }

    [Theory]
    [InlineData(Stored)]
    [InlineData(Deflated)]
    public void Arrays_are_chosen_by_name(string base64)
    {
        string path = Archive(base64);
        Assert.Equal(["weight", "bias"], NpzFile.Names(path));
        var weight = NpzFile.Read(path, "weight");
        Assert.Equal(new long[] { 2, 3 }, weight.Shape);
        Assert.Equal(new[] { -1f, -0.5f, 0f, 0.5f, 1f, 1.5f }, weight.Values);
        var bias = NpzFile.Read(path, "bias");
        Assert.Equal(TensorDType.Float64, bias.DType);
        Assert.Equal(new[] { 0.25f, -4f, 8f }, bias.Values);
    }

    [Fact]
    public void A_missing_or_unnamed_choice_lists_the_arrays()
    {
        string path = Archive(Stored);
        Assert.Equal($"{path} has no array 'conv1': it holds weight, bias", Assert.Throws<InvalidDataException>(() => NpzFile.Read(path, "conv1")).Message);
        Assert.Equal($"{path} holds 2 arrays (weight, bias): choose one by name", Assert.Throws<InvalidDataException>(() => NpzFile.Read(path, null)).Message);
    }

    [Fact]
    public void A_damaged_archive_or_entry_is_rejected_naming_the_array()
    {
        var bytes = Convert.FromBase64String(Stored);
        string path = Path.Combine(_directory, "cut.npz");
        File.WriteAllBytes(path, bytes[..100]);
        Assert.Contains("not a .npz archive", Assert.Throws<InvalidDataException>(() => NpzFile.Names(path)).Message);

        // Corrupt the dtype of the first entry's header ('<f4' -> '<i4').
        int at = System.Text.Encoding.Latin1.GetString(bytes).IndexOf("'<f4'", StringComparison.Ordinal);
        bytes[at + 2] = (byte)'i';
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => NpzFile.Read(path, "weight"));
        Assert.StartsWith($"{path}, array 'weight': ", e.Message);
        Assert.Contains("'descr' (dtype) '<i4' at byte offset 20 is not supported", e.Message);
    }
}
