namespace Zfpe.Reference.Codecs;

/// <summary>
/// Reads a bit stream written by <see cref="BitWriter"/>, least-significant bit first. Bits past the
/// end of the source read as zero; callers check the stream length before decoding.
/// </summary>
internal ref struct BitReader
{
    private readonly ReadOnlySpan<byte> _source;
    private int _bytePosition;
    private ulong _word;
    private int _available;

    public BitReader(ReadOnlySpan<byte> source) => _source = source;

    /// <summary>Reads <paramref name="count"/> bits (0..56) as an unsigned integer, first bit in bit 0.</summary>
    public ulong Read(int count)
    {
        if (_available < count)
            Refill();
        ulong value = _word & ((1UL << count) - 1);
        _word >>= count;
        _available -= count;
        return value;
    }

    public uint ReadBit() => (uint)Read(1);

    /// <summary>Reads <paramref name="count"/> bits (0..64), first bit in bit 0.</summary>
    public ulong ReadWide(int count)
    {
        if (count <= 56)
            return Read(count);
        ulong low = Read(32);
        return low | (Read(count - 32) << 32);
    }

    /// <summary>Skips <paramref name="count"/> bits.</summary>
    public void Skip(int count)
    {
        while (count > 56)
        {
            Read(56);
            count -= 56;
        }
        Read(count);
    }

    private void Refill()
    {
        while (_available <= 56)
        {
            ulong next = _bytePosition < _source.Length ? _source[_bytePosition] : 0u;
            _word |= next << _available;
            _bytePosition++;
            _available += 8;
        }
    }
}
