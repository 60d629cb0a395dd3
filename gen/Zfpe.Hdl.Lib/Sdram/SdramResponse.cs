using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>One read word from the SDRAM controller, with its run's tag (Data in the low 16 bits, Tag above); the stream's last marks a run's final word.</summary>
public sealed class SdramResponse : Bundle
{
    public UInt Data { get; }
    public UInt Tag { get; }

    private SdramResponse(Fields f, int tagBits) : base(f) => (Data, Tag) = (f.UInt(16), f.UInt(tagBits));

    public static Shape<SdramResponse> Shape(int tagBits) => Zfpe.Hdl.Shape.Of(f => new SdramResponse(f, tagBits));
}
