namespace Zfpe.Sim;

/// <summary>Bit ranges of little-endian 32-bit word arrays (least significant word first).</summary>
public static class BitFields
{
    /// <summary>Copies bits [offset, offset + width) of <paramref name="source"/> into <paramref name="field"/> (cleared above width).</summary>
    public static void Extract(ReadOnlySpan<uint> source, int offset, int width, Span<uint> field)
    {
        field.Clear();
        for (var i = 0; i < width; i++)
        {
            var bit = offset + i;
            if ((source[bit >> 5] >> (bit & 31) & 1) != 0) field[i >> 5] |= 1u << (i & 31);
        }
    }

    /// <summary>Writes the low <paramref name="width"/> bits of <paramref name="field"/> into bits [offset, offset + width) of <paramref name="target"/>.</summary>
    public static void Insert(Span<uint> target, int offset, int width, ReadOnlySpan<uint> field)
    {
        for (var i = 0; i < width; i++)
        {
            var bit = offset + i;
            var mask = 1u << (bit & 31);
            if ((field[i >> 5] >> (i & 31) & 1) != 0) target[bit >> 5] |= mask;
            else target[bit >> 5] &= ~mask;
        }
    }
}
