namespace Zfpe.Reference.Files;

/// <summary>
/// CRC-32 as zlib, PNG and gzip compute it (reflected polynomial 0xEDB88320, initial value and
/// final XOR 0xFFFFFFFF; "123456789" gives 0xCBF43926), one table lookup per byte.
/// </summary>
public static class Crc32
{
    private const uint Polynomial = 0xEDB8_8320u;

    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Update(Start, data));

    /// <summary>The register value before any byte; feed chunks to <see cref="Update"/> and end with <see cref="Finish"/>.</summary>
    public const uint Start = 0xFFFF_FFFFu;

    public static uint Update(uint register, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
            register = Table[(register ^ b) & 0xFF] ^ (register >> 8);
        return register;
    }

    public static uint Finish(uint register) => register ^ 0xFFFF_FFFFu;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
