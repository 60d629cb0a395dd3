using System.IO.Compression;
using Zfpe.Reference.Codecs;

namespace Zfpe.Cli.Tests;

/// <summary>
/// The inputs users bring: float16 and Fortran-order .npy, .npz archives with the array chosen by
/// name, and hostile .npy files, which are refused with the field and offset and nothing written.
/// </summary>
public sealed class InputFormatTests : TempDirectoryTest
{
    private static readonly ContainerCodec Zfpe5 = ContainerCodec.ForZfpe(new ZfpeParameters());

    private static float[] Values(int n) => Enumerable.Range(0, n).Select(i => MathF.Round(MathF.Sin(i * 0.37f) * 100) / 8).ToArray();

    [Fact]
    public void Float16_tensors_are_compressed_and_come_back_as_float16()
    {
        string input = Dir.File("h.npy"), packed = Dir.File("h.zfpe"), output = Dir.File("back.npy");
        var values = Values(48);
        NpyFile.Write(input, new Tensor(values, [6, 8], TensorDType.Float16));
        var compress = ZfpeCli.Run("compress", "--in", input, "--out", packed);
        Assert.True(compress.ExitCode == 0, compress.ToString());
        var contents = ZfpeContainer.Read(packed);
        Assert.Equal(TensorDType.Float16, contents.OriginalDType);
        Assert.Equal(Zfpe5.Compress(values, out _), contents.Payload);

        Assert.Equal(0, ZfpeCli.Run("decompress", "--in", packed, "--out", output).ExitCode);
        var back = NpyFile.Read(output);
        Assert.Equal(TensorDType.Float16, back.DType);
        Assert.Equal(new long[] { 6, 8 }, back.Shape);
        Assert.Equal(Zfpe5.Decompress(contents.Payload, 48).Select(v => (float)(Half)v), back.Values);
    }

    [Fact]
    public void A_fortran_order_tensor_compresses_like_its_c_order_copy()
    {
        string c = Dir.File("c.npy"), f = Dir.File("f.npy");
        var values = Values(12);
        NpyFile.Write(c, new Tensor(values, [3, 4]));
        // The same array stored column-major, as np.save(np.asfortranarray(a)) does.
        var bytes = File.ReadAllBytes(c);
        string header = System.Text.Encoding.Latin1.GetString(bytes, 0, 128).Replace("'fortran_order': False", "'fortran_order': True ");
        var data = new List<byte>();
        for (int j = 0; j < 4; j++)
            for (int i = 0; i < 3; i++)
                data.AddRange(BitConverter.GetBytes(values[4 * i + j]));
        File.WriteAllBytes(f, [.. System.Text.Encoding.Latin1.GetBytes(header), .. data]);

        foreach (var path in new[] { c, f })
            Assert.Equal(0, ZfpeCli.Run("compress", "--in", path, "--out", path + ".zfpe").ExitCode);
        Assert.Equal(File.ReadAllBytes(c + ".zfpe"), File.ReadAllBytes(f + ".zfpe"));
    }

    private string Archive()
    {
        string path = Dir.File("model.npz");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, tensor) in new[] { ("conv1.weight", new Tensor(Values(64), [4, 16])), ("conv1.bias", new Tensor(Values(4), [4], TensorDType.Float64)) })
        {
            using var entry = zip.CreateEntry(name + ".npy", CompressionLevel.Optimal).Open();
            NpyFile.Write(entry, tensor);
        }
        return path;
    }

    [Fact]
    public void An_npz_array_is_chosen_by_name_for_compress_and_evaluate()
    {
        string npz = Archive(), packed = Dir.File("w.zfpe");
        var compress = ZfpeCli.Run("compress", "--in", npz, "--array", "conv1.weight", "--out", packed);
        Assert.True(compress.ExitCode == 0, compress.ToString());
        var contents = ZfpeContainer.Read(packed);
        Assert.Equal(new long[] { 4, 16 }, contents.Shape);
        Assert.Equal(Zfpe5.Compress(Values(64), out _), contents.Payload);

        var evaluate = ZfpeCli.Run("evaluate", "--in", npz, "--array", "conv1.bias", "--methods", "zfpe-b5");
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        Assert.Contains("shape (4,), float64", evaluate.Stdout);
    }

    [Fact]
    public void An_npz_without_a_chosen_array_or_with_a_wrong_name_lists_its_arrays()
    {
        string npz = Archive(), packed = Dir.File("w.zfpe");
        var result = ZfpeCli.Run("compress", "--in", npz, "--out", packed);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --in {npz} holds 2 arrays (conv1.weight, conv1.bias): choose one by name with --array NAME\n", result.Stderr);
        result = ZfpeCli.Run("compress", "--in", npz, "--array", "fc", "--out", packed);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{npz} has no array 'fc': it holds conv1.weight, conv1.bias", result.Stderr);
        string npy = Dir.File("x.npy");
        NpyFile.Write(npy, new Tensor(Values(4), [4]));
        result = ZfpeCli.Run("compress", "--in", npy, "--array", "fc", "--out", packed);
        Assert.Contains($"--array fc applies to .npz archives only, and --in {npy} is not one", result.Stderr);
        Assert.False(File.Exists(packed));
    }

    public static TheoryData<string, string> HostileHeaders() => new()
    {
        { "{'descr': " + new string('[', 30_000) + "}", "values nested more than 16 deep" },
        { "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 6148914691236517208), }", "its element count overflows 64-bit arithmetic" },
        { "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 1, 8), }", "its element count overflows 64-bit arithmetic" },
    };

    [Theory]
    [MemberData(nameof(HostileHeaders))]
    public void Hostile_npy_headers_are_rejected_by_every_reading_command_and_nothing_is_written(string header, string message)
    {
        string input = Dir.File("bad.npy");
        int length = (12 + header.Length + 1 + 63) / 64 * 64 - 12;
        var bytes = new byte[12 + length + 32];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0 }.CopyTo(bytes, 0);
        BitConverter.GetBytes(length).CopyTo(bytes, 8);
        System.Text.Encoding.Latin1.GetBytes(header.PadRight(length - 1) + "\n").CopyTo(bytes, 12);
        File.WriteAllBytes(input, bytes);
        string packed = Dir.File("bad.zfpe"), csv = Dir.File("bad.csv");
        foreach (var args in new[] { new[] { "compress", "--in", input, "--out", packed }, ["evaluate", "--in", input, "--csv", csv] })
        {
            var result = ZfpeCli.Run(args);
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.StartsWith($"error: {input}: ", result.Stderr);
            Assert.Contains("byte offset", result.Stderr);
            Assert.Contains(message, result.Stderr);
        }
        Assert.False(File.Exists(packed));
        Assert.False(File.Exists(csv));
    }
}
