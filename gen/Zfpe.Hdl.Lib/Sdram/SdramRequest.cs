using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// One beat of the SDRAM controller's request stream. A run is <c>WordsMinusOne + 1</c> words at
/// consecutive word addresses from <c>Address</c> (wrapping at the end of the chip). A read run is
/// one beat. A write run is one beat per word: the first beat's address, length and tag are the
/// run's, every beat (the first included) carries its word's <c>Data</c> and <c>ByteEnable</c>,
/// and the later beats' other fields are ignored. Fields in declaration order, the first in the
/// low bits.
/// </summary>
public sealed class SdramRequest : Bundle
{
    /// <summary>Word address: row, bank, column from the high bits down (row-bank-column order).</summary>
    public UInt Address { get; }

    public Bool Write { get; }

    /// <summary>The word to write (write runs).</summary>
    public UInt Data { get; }

    /// <summary>Bit 0: write DQ[7:0]; bit 1: DQ[15:8] (the chip's DQM is its complement).</summary>
    public UInt ByteEnable { get; }

    /// <summary>Words in the run minus one: 0..255 for 1..256 words.</summary>
    public UInt WordsMinusOne { get; }

    /// <summary>Returned with every word of a read run.</summary>
    public UInt Tag { get; }

    private SdramRequest(Fields f, int addressBits, int tagBits) : base(f)
    {
        Address = f.UInt(addressBits);
        Write = f.Bool();
        Data = f.UInt(16);
        ByteEnable = f.UInt(2);
        WordsMinusOne = f.UInt(SdramControllerConfig.LengthBits);
        Tag = f.UInt(tagBits);
    }

    public static Shape<SdramRequest> Shape(int addressBits, int tagBits) => Zfpe.Hdl.Shape.Of(f => new SdramRequest(f, addressBits, tagBits));
}
