using Zfpe.Hdl;

namespace Zfpe.Cores.Board;

/// <summary>
/// CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, bits MSB first, no final XOR;
/// the check value of "123456789" is 0x29B1): the checksum of the codec link's frames. The same
/// definition twice: in C# for the host, and as logic for the board.
/// </summary>
public static class Crc16Ccitt
{
    public const ushort Initial = 0xFFFF;
    public const ushort Polynomial = 0x1021;

    public static ushort Update(ushort crc, byte value)
    {
        crc ^= (ushort)(value << 8);
        for (var i = 0; i < 8; i++)
            crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ Polynomial) : (ushort)(crc << 1);
        return crc;
    }

    public static ushort Compute(ReadOnlySpan<byte> data, ushort crc = Initial)
    {
        foreach (var b in data) crc = Update(crc, b);
        return crc;
    }

    /// <summary>The CRC after <paramref name="value"/> (8 bits) as combinational logic on <paramref name="crc"/> (16 bits).</summary>
    public static UInt Next(UInt crc, UInt value)
    {
        if (crc.Width != 16 || value.Width != 8)
            throw new ArgumentException($"CRC-16 logic takes a 16-bit CRC and an 8-bit value, not {crc.Width} and {value.Width} bits");
        var c = crc ^ Hw.Cat(value, Hw.U(0, 8));
        for (var i = 0; i < 8; i++) c = Hw.Mux(c[15], (c << 1) ^ Polynomial, c << 1);
        return c;
    }
}
