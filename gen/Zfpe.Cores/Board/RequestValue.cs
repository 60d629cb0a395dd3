using Zfpe.Hdl;

namespace Zfpe.Cores.Board;

/// <summary>
/// One value of a request on its way to the compressor's lanes: the float32 bits and whether it is
/// the request's final value. Widened without a stream <c>last</c>, so every wide beat is full and
/// <see cref="Zfpe.Hdl.Lib.Streams.StreamWiden{T}"/> needs no clearing of unused items.
/// </summary>
public sealed class RequestValue : Bundle
{
    public UInt Bits { get; }
    public Bool Final { get; }

    // Fields in declaration order: Bits in the low 32 bits, Final above them.
    private RequestValue(Fields f) : base(f) => (Bits, Final) = (f.UInt(32), f.Bool());

    public static Shape<RequestValue> Shape { get; } = Zfpe.Hdl.Shape.Of(f => new RequestValue(f));
}
