using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// One word of a run, between the SDRAM controller's run expander and its command engine: where,
/// which way, the data and byte enables of a write, and for a read the tag and whether it is the
/// run's last word.
/// </summary>
internal sealed class SdramWord : Bundle
{
    public UInt Address { get; }
    public Bool Write { get; }
    public UInt Data { get; }
    public UInt ByteEnable { get; }
    public UInt Tag { get; }
    public Bool Last { get; }

    private SdramWord(Fields f, int addressBits, int tagBits) : base(f)
    {
        Address = f.UInt(addressBits);
        Write = f.Bool();
        Data = f.UInt(16);
        ByteEnable = f.UInt(2);
        Tag = f.UInt(tagBits);
        Last = f.Bool();
    }

    public static Shape<SdramWord> Shape(int addressBits, int tagBits) => Zfpe.Hdl.Shape.Of(f => new SdramWord(f, addressBits, tagBits));
}
