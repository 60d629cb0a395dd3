using Zfpe.Cores.Board;

namespace Zfpe.Host;

/// <summary>
/// CRC-16/CCITT-FALSE in software (<see cref="Crc16Ccitt"/> defines it and is the board's logic):
/// the checksum of the codec link's frames.
/// </summary>
public static class FrameCrc
{
    public static ushort Update(ushort crc, byte value)
    {
        crc ^= (ushort)(value << 8);
        for (var i = 0; i < 8; i++)
            crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ Crc16Ccitt.Polynomial) : (ushort)(crc << 1);
        return crc;
    }

    public static ushort Compute(ReadOnlySpan<byte> data, ushort crc = Crc16Ccitt.Initial)
    {
        foreach (var b in data) crc = Update(crc, b);
        return crc;
    }
}
