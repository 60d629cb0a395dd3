using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// One cycle's command to a block RAM port: <c>Enable</c> makes the port act at all (read, or
/// write when <c>Write</c> is high); a write stores the bytes whose <c>ByteEnable</c> bit is set
/// (byte i is bits 9·i+8 .. 9·i of <c>Data</c>).
/// </summary>
public sealed class RamRequest : Bundle
{
    public Bool Enable { get; }
    public Bool Write { get; }
    public UInt ByteEnable { get; }
    public UInt Address { get; }
    public UInt Data { get; }

    private RamRequest(Fields f, int addressBits, int width) : base(f)
    {
        Enable = f.Bool();
        Write = f.Bool();
        ByteEnable = f.UInt(width / TrueDualPortRamConfig.ByteBits);
        Address = f.UInt(addressBits);
        Data = f.UInt(width);
    }

    public static Shape<RamRequest> Shape(int addressBits, int width) => Zfpe.Hdl.Shape.Of(f => new RamRequest(f, addressBits, width));
}
