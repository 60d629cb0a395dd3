namespace Zfpe.Cores.Tests.Support;

/// <summary>Fields of a wide port read as 32-bit words, least significant first.</summary>
public static class WideBits
{
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
            var chunk = (uint)(pair >> shift);
            result |= (UInt128)chunk << i;
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
