namespace Zfpe.Sim.Sdram;

/// <summary>
/// A run of words a memory port asks for: <see cref="Words"/> words at consecutive word addresses
/// from <see cref="Address"/>; a write carries a word and a byte-enable mask (bit 0 = low byte)
/// per word, a read none.
/// </summary>
public sealed record MemoryRun(bool Write, long Address, int Words, ushort[] Data, int[] ByteEnables)
{
    public static MemoryRun Read(long address, int words) => new(false, address, words, [], []);

    public static MemoryRun WriteAll(long address, ushort[] data) => new(true, address, data.Length, data, Enumerable.Repeat(3, data.Length).ToArray());
}
