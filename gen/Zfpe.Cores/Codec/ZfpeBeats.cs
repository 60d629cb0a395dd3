namespace Zfpe.Cores.Codec;

/// <summary>
/// How the codec cores' streams carry data, as 32-bit payload words (least significant first): a
/// values beat is <see cref="ZfpeCoreConfig.Lanes"/> float32 bit patterns, a blocks beat is
/// <see cref="ZfpeCoreConfig.BlockLanes"/> blocks of <see cref="ZfpeCoreConfig.BlockBits"/> bits
/// side by side (block g at bit g × BlockBits). What a simulation, a host or a test needs to
/// feed the cores and read them.
/// </summary>
public static class ZfpeBeats
{
    /// <summary>Payload words of a values beat.</summary>
    public static int ValueWords(ZfpeCoreConfig config) => config.Lanes;

    /// <summary>Payload words of a blocks beat.</summary>
    public static int BlockWords(ZfpeCoreConfig config) => (config.BlockLanes * config.BlockBits + 31) / 32;

    /// <summary><paramref name="values"/> (float32 bits) as values beats, the last one padded with +0.0.</summary>
    public static uint[][] FromValues(ZfpeCoreConfig config, ReadOnlySpan<uint> values)
    {
        var lanes = config.Lanes;
        var beats = new uint[(values.Length + lanes - 1) / lanes][];
        for (var i = 0; i < beats.Length; i++)
        {
            beats[i] = new uint[lanes];
            values.Slice(i * lanes, Math.Min(lanes, values.Length - i * lanes)).CopyTo(beats[i]);
        }
        return beats;
    }

    /// <summary><paramref name="blocks"/> as blocks beats, the last one padded with zero blocks.</summary>
    public static uint[][] FromBlocks(ZfpeCoreConfig config, ReadOnlySpan<UInt128> blocks)
    {
        var groups = config.BlockLanes;
        var beats = new uint[(blocks.Length + groups - 1) / groups][];
        for (var i = 0; i < beats.Length; i++)
        {
            beats[i] = new uint[BlockWords(config)];
            for (var g = 0; g < groups && i * groups + g < blocks.Length; g++)
                Insert(beats[i], g * config.BlockBits, config.BlockBits, blocks[i * groups + g]);
        }
        return beats;
    }

    /// <summary>Every value of <paramref name="beats"/>, in order.</summary>
    public static uint[] Values(IEnumerable<uint[]> beats) => beats.SelectMany(b => b).ToArray();

    /// <summary>Every block of <paramref name="beats"/>, in order.</summary>
    public static UInt128[] Blocks(ZfpeCoreConfig config, IEnumerable<uint[]> beats) =>
        beats.SelectMany(b => Enumerable.Range(0, config.BlockLanes).Select(g => Block(config, b, g))).ToArray();

    /// <summary>Block <paramref name="group"/> of a blocks beat.</summary>
    public static UInt128 Block(ZfpeCoreConfig config, ReadOnlySpan<uint> beat, int group) =>
        Extract(beat, group * config.BlockBits, config.BlockBits);

    /// <summary>Bits [offset + width − 1 : offset] of <paramref name="words"/>, width ≤ 128.</summary>
    public static UInt128 Extract(ReadOnlySpan<uint> words, int offset, int width)
    {
        UInt128 result = 0;
        for (var i = 0; i < width; i += 32)
        {
            var bit = offset + i;
            var word = bit / 32;
            var shift = bit % 32;
            ulong pair = words[word] | (word + 1 < words.Length ? (ulong)words[word + 1] << 32 : 0);
            result |= (UInt128)(uint)(pair >> shift) << i;
        }
        return width == 128 ? result : result & ((UInt128.One << width) - 1);
    }

    /// <summary>Writes <paramref name="value"/> into bits [offset + width − 1 : offset] of <paramref name="words"/> (which start zeroed there).</summary>
    public static void Insert(Span<uint> words, int offset, int width, UInt128 value)
    {
        for (var i = 0; i < width; i++)
            if (((value >> i) & 1) != 0)
                words[(offset + i) / 32] |= 1u << ((offset + i) % 32);
    }
}
