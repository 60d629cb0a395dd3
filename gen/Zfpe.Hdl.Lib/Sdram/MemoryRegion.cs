using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// A region of consecutive memory words: where it starts and how many words it has (at least 1).
/// The beat a <see cref="MemoryRegionReader"/> takes to read one.
/// </summary>
public sealed class MemoryRegion : Bundle
{
    /// <summary>The first word's address.</summary>
    public UInt Address { get; }

    /// <summary>Words in the region, 1 or more.</summary>
    public UInt Words { get; }

    private MemoryRegion(Fields f, int addressBits) : base(f)
    {
        Address = f.UInt(addressBits);
        Words = f.UInt(addressBits + 1);
    }

    public static Shape<MemoryRegion> Shape(int addressBits) => Zfpe.Hdl.Shape.Of(f => new MemoryRegion(f, addressBits));
}
