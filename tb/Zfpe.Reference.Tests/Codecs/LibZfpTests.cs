using System.Diagnostics;
using CsCheck;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Peers;

namespace Zfpe.Reference.Tests.Codecs;

/// <summary>
/// The C# ZFP against LLNL zfp 1.0.0 itself: libzfp.so.1 through P/Invoke and the <c>zfp</c>
/// command. These need the Debian packages libzfp-dev and zfp; without them they fail saying so.
/// </summary>
public class LibZfpTests
{
    private const int BlockCount = 100_000;

    /// <summary>2^-98: below it libzfp's float32 scale 2^(30 − emax) overflows and the block comes out wrong.</summary>
    private static readonly float LibzfpSmallestBlockMaximum = MathF.ScaleB(1f, -98);

    /// <summary>
    /// 100,000 blocks of every dynamic range (scales 2^-97..2^127, values spread up to 2^-30 below
    /// the scale, zeros, subnormals beside large values, constant and sparse blocks, edge cases),
    /// without the blocks libzfp cannot code. Made once, from a fixed seed.
    /// </summary>
    private static readonly Lazy<float[]> Blocks = new(() =>
    {
        var gen = Gen.Frequency(
            (8, CodecGens.ScaledBlock(-97, 127, spread: 30)),
            (1, CodecGens.FiniteBlock),
            (1, Gen.Const(() => new float[4])));
        var pcg = new PCG(1, 2024);
        var values = new float[4 * BlockCount];
        for (int i = 0; i < BlockCount;)
        {
            var block = gen.Generate(pcg, null!, out _);
            float max = block.Max(MathF.Abs);
            if (max != 0 && max < LibzfpSmallestBlockMaximum)
                continue;
            block.CopyTo(values, 4 * i++);
        }
        return values;
    });

    public static TheoryData<double> Rates => [4, 8, 12, 16, 24, 32, 1, 2.5, 8.3, 31.75];

    [Fact]
    public void The_library_is_zfp_1_0_0_with_byte_wide_stream_words()
    {
        Assert.StartsWith("zfp version 1.0.0", LibZfp.Version);
        Assert.Equal(8, LibZfp.StreamWordBits);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Max_bits_matches_the_rate_the_library_settles_on(double rate)
    {
        Assert.Equal(LibZfp.ActualRate(rate), new ZfpParameters(rate).BitsPerValue);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Compression_is_bit_exact_with_libzfp_on_100000_blocks(double rate)
    {
        var values = Blocks.Value;
        var p = new ZfpParameters(rate);
        var ours = ZfpCodec.Compress(values, p);
        var theirs = LibZfp.Compress(values, rate);
        AssertSameStream(theirs, ours, values, p);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Decompression_is_bit_exact_with_libzfp_on_100000_blocks(double rate)
    {
        var values = Blocks.Value;
        var stream = LibZfp.Compress(values, rate);
        var ours = ZfpCodec.Decompress(stream, values.Length, new ZfpParameters(rate));
        var theirs = LibZfp.Decompress(stream, values.Length, rate);
        AssertSameValues(theirs, ours);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Decoding_arbitrary_bits_is_bit_exact_with_libzfp(double rate)
    {
        // Random streams reach every exponent and every way the budget can run out mid-plane,
        // including the decoder's guess of an implied one-bit when it runs out during a scan.
        var random = new Random(42);
        var p = new ZfpParameters(rate);
        const int count = 4 * 5000;
        var stream = new byte[ZfpCodec.CompressedBytes(count, p)];
        random.NextBytes(stream);
        AssertSameValues(LibZfp.Decompress(stream, count, rate), ZfpCodec.Decompress(stream, count, p));
    }

    [Fact]
    public void Partial_last_blocks_are_bit_exact_with_libzfp()
    {
        var source = Blocks.Value;
        int tested = 0;
        foreach (double rate in new[] { 4.0, 8.0, 12.0, 16.0, 24.0, 32.0, 8.3 })
            foreach (int count in new[] { 1, 2, 3, 5, 6, 7, 13, 4001, 4002, 4003 })
                for (int offset = 0; offset < 40; offset += 7)
                {
                    var values = source.AsSpan(4 * offset, count).ToArray(); // whole blocks, then a partial one
                    var p = new ZfpParameters(rate);
                    if (!LibzfpCodesCorrectly(values))
                        continue;
                    tested++;
                    var theirs = LibZfp.Compress(values, rate);
                    AssertSameStream(theirs, ZfpCodec.Compress(values, p), values, p);
                    AssertSameValues(LibZfp.Decompress(theirs, count, rate), ZfpCodec.Decompress(theirs, count, p));
                }
        Assert.True(tested >= 350, $"only {tested} inputs were free of tiny blocks");
    }

    /// <summary>True when no block (padded as zfp pads it) has a maximum magnitude in (0, 2^-98).</summary>
    private static bool LibzfpCodesCorrectly(float[] values)
    {
        for (int start = 0; start < values.Length; start += 4)
        {
            int n = Math.Min(4, values.Length - start);
            var block = new float[4];
            values.AsSpan(start, n).CopyTo(block);
            if (n < 4)
                ZfpCodec.PadPartialBlock(block, n);
            float max = block.Max(MathF.Abs);
            if (max != 0 && max < LibzfpSmallestBlockMaximum)
                return false;
        }
        return true;
    }

    [Fact]
    public void Libzfp_garbles_blocks_below_2_to_the_minus_98_which_is_why_they_are_excluded()
    {
        float[] tiny = [MathF.ScaleB(1.5f, -100), MathF.ScaleB(-1f, -101), 0f, MathF.ScaleB(1f, -110)];
        var p = new ZfpParameters(16);
        Assert.NotEqual(LibZfp.Compress(tiny, 16), ZfpCodec.Compress(tiny, p));
        // Ours decodes close to the input; the library's own round trip does not.
        var ours = ZfpCodec.Decompress(ZfpCodec.Compress(tiny, p), 4, p);
        Assert.Equal(tiny[0], ours[0], MathF.ScaleB(1f, -110));
    }

    [Fact]
    public void The_zfp_command_writes_the_same_file_as_the_csharp_codec()
    {
        var dir = Directory.CreateTempSubdirectory("zfp-cli-");
        try
        {
            var inputs = new (float[] Values, double Rate)[]
            {
                ([1f, 2f, 3f, 4f], 8),
                ([0.1f, -0.25f, 3.7f, 2.0f, 5f], 12),
                (Blocks.Value[..4001], 8.3),
                (Blocks.Value[4000..8000], 24),
                (Blocks.Value[..1203], 4),
            };
            foreach (var (values, rate) in inputs)
            {
                string input = Path.Combine(dir.FullName, "in.f32"), compressed = Path.Combine(dir.FullName, "out.zfp");
                string decompressed = Path.Combine(dir.FullName, "out.f32");
                File.WriteAllBytes(input, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
                RunZfp("-f", "-1", values.Length.ToString(), "-r", rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "-i", input, "-z", compressed, "-o", decompressed);

                var p = new ZfpParameters(rate);
                Assert.Equal(File.ReadAllBytes(compressed), ZfpCodec.Compress(values, p));
                var expected = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(decompressed)).ToArray();
                AssertSameValues(expected, ZfpCodec.Decompress(File.ReadAllBytes(compressed), values.Length, p));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Runs the zfp command; fails the test, saying how to install it, when it is missing or fails.</summary>
    internal static void RunZfp(params string[] arguments)
    {
        var start = new ProcessStartInfo("zfp") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("zfp did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new Xunit.Sdk.XunitException("the zfp command was not found: apt-get install zfp");
        }
        using (process)
        {
            string errors = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"zfp {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors}");
        }
    }

    private static void AssertSameStream(byte[] theirs, byte[] ours, ReadOnlySpan<float> values, ZfpParameters p)
    {
        Assert.Equal(theirs.Length, ours.Length);
        int first = theirs.AsSpan().CommonPrefixLength(ours);
        if (first == theirs.Length)
            return;
        long block = 8L * first / p.MaxBits;
        var shown = values.Slice((int)(4 * block), Math.Min(4, values.Length - (int)(4 * block))).ToArray();
        Assert.Fail($"streams differ from byte {first} on, in block {block} = {SeededProperty.Show(shown)} (rate {p.Rate})");
    }

    private static void AssertSameValues(float[] theirs, float[] ours)
    {
        Assert.Equal(theirs.Length, ours.Length);
        for (int i = 0; i < theirs.Length; i++)
            if (BitConverter.SingleToUInt32Bits(theirs[i]) != BitConverter.SingleToUInt32Bits(ours[i]))
                Assert.Fail($"value {i} (block {i / 4}): libzfp {theirs[i]:R}, ours {ours[i]:R}");
    }
}
