namespace Zfpe.Cores.Tests;

/// <summary>The RTL compressor's blocks, fed to the RTL decompressor, give what the reference round trip gives.</summary>
public class RoundTripTests
{
    [Theory]
    [MemberData(nameof(CompressorTests.AllIndices), MemberType = typeof(CompressorTests))]
    public void Rtl_compressor_then_rtl_decompressor_equals_the_reference_round_trip(int index)
    {
        var config = index < 0 ? CoreSimulations.Default : CoreSimulations.Covering[index];
        using var compressor = CoreSimulations.Compressor(config, "round-trip");
        using var decompressor = CoreSimulations.Decompressor(config, "round-trip");
        var count = 40_001; // not a multiple of 4 or 8: the final block is padded
        var bits = TestValues.Mixed(count, seed: 120 + index);
        var p = new ZfpeParameters(config.B, config.ExponentBits, config.Split);
        var values = TestValues.AsFloats(bits);
        var expected = ZfpeCodec.Decompress(ZfpeCodec.Compress(values, p, out _), count, p);

        var compress = new CompressorBench(compressor, config, bits, CodecStalls.Random, seed: 130 + index) { Keep = true };
        compress.Run();
        var decompress = new DecompressorBench(decompressor, config, [.. compress.Produced], CodecStalls.Random, seed: 140 + index) { Keep = true };
        decompress.Run();

        Assert.True(decompress.Produced.Count >= count, $"the decompressor produced {decompress.Produced.Count} values for {count}");
        for (var i = 0; i < count; i++)
        {
            var actual = decompress.Produced[i];
            var want = BitConverter.SingleToUInt32Bits(expected[i]);
            Assert.True(actual == want,
                $"{config}: value #{i} (input 0x{bits[i]:X8} = {values[i]:R}): the reference round trip gives 0x{want:X8} ({expected[i]:R}), RTL gave 0x{actual:X8} ({BitConverter.UInt32BitsToSingle(actual):R})");
        }
    }
}
