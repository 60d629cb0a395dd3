using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// One beat of a <see cref="BurstArbiter"/> port's request stream: a run of <c>WordsMinusOne + 1</c>
/// words (at most the arbiter's <c>run</c>) at consecutive word addresses from <c>Address</c>. A
/// read run is one beat; a write run is one beat per word, the first carrying the run's address
/// and length (the later beats' address, write and length fields are ignored), every beat its
/// word's <c>Data</c> and <c>ByteEnable</c>. Fields in declaration order, the first in the low bits.
/// </summary>
public sealed class MemoryPortRequest : Bundle
{
    /// <summary>Word address in the controller's row-bank-column order.</summary>
    public UInt Address { get; }

    public Bool Write { get; }

    public UInt Data { get; }

    /// <summary>Bit 0: write DQ[7:0]; bit 1: DQ[15:8].</summary>
    public UInt ByteEnable { get; }

    /// <summary>Words in the run minus one: log2(run) bits.</summary>
    public UInt WordsMinusOne { get; }

    private MemoryPortRequest(Fields f, int addressBits, int lengthBits) : base(f)
    {
        Address = f.UInt(addressBits);
        Write = f.Bool();
        Data = f.UInt(16);
        ByteEnable = f.UInt(2);
        WordsMinusOne = f.UInt(lengthBits);
    }

    public static Shape<MemoryPortRequest> Shape(int addressBits, int lengthBits) => Zfpe.Hdl.Shape.Of(f => new MemoryPortRequest(f, addressBits, lengthBits));
}
