using Zfpe.Hdl;

namespace Zfpe.Cores.Board;

/// <summary>
/// CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, bits MSB first, no final XOR;
/// the check value of "123456789" is 0x29B1): the checksum of the codec link's frames, as logic
/// for the board. The host computes it in software with Zfpe.Host's FrameCrc, from these constants.
/// </summary>
public static class Crc16Ccitt
{
    public const ushort Initial = 0xFFFF;
    public const ushort Polynomial = 0x1021;

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
