using System.Buffers.Binary;

namespace Zfpe.Reference.Codecs;

/// <summary>
/// Writes a bit stream least-significant bit first (bit i of the stream is bit i mod 8 of byte
/// i / 8), the layout both ZFPe and Debian's libzfp (8-bit stream words) use. Bits gather in a
/// 64-bit word so that a field costs a shift and an OR, not a loop.
/// </summary>
internal ref struct BitWriter
{
    private readonly Span<byte> _destination;
    private int _bytePosition;
    private ulong _word;
    private int _fill;

    public BitWriter(Span<byte> destination) => _destination = destination;

    public readonly long BitPosition => 8L * _bytePosition + _fill;

    /// <summary>Appends the low <paramref name="count"/> bits of <paramref name="value"/> (0..64 bits, no bits above them set).</summary>
    public void Write(ulong value, int count)
    {
        _word |= value << _fill;
        int fill = _fill + count;
        if (fill >= 64)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_destination[_bytePosition..], _word);
            _bytePosition += 8;
            // C# masks shift counts to 6 bits, so "value >> 64" must be spelled out as 0.
            _word = _fill == 0 ? 0 : value >> (64 - _fill);
            fill -= 64;
        }
        _fill = fill;
    }

    public void WriteBit(uint bit) => Write(bit, 1);

    /// <summary>Appends <paramref name="count"/> zero bits.</summary>
    public void Pad(int count)
    {
        while (count > 64)
        {
            Write(0, 64);
            count -= 64;
        }
        Write(0, count);
    }

    /// <summary>Writes the partial last word, zero-padded to a byte; returns the bytes written in total.</summary>
    public int Flush()
    {
        int tail = (_fill + 7) >> 3;
        for (int i = 0; i < tail; i++)
            _destination[_bytePosition + i] = (byte)(_word >> (8 * i));
        _bytePosition += tail;
        _word = 0;
        _fill = 0;
        return _bytePosition;
    }
}
