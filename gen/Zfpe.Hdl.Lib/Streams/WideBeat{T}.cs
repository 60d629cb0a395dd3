using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>
/// N narrow payloads in one beat (<see cref="Items"/>[0] first in time and in the least significant
/// bits), and, for streams with last, <see cref="Count"/>: how many items are real (1..N; a fragment
/// whose length is not a multiple of N ends in a partial beat whose unused items are 0).
/// The payload of <see cref="StreamWiden{T}"/>'s output and <see cref="StreamNarrow{T}"/>'s input.
/// </summary>
public sealed class WideBeat<T> : Bundle where T : class, IHdlData
{
    public IReadOnlyList<T> Items { get; }

    /// <summary>Items in use, 1..N (null for streams without last, whose beats are always full).</summary>
    public UInt? Count { get; }

    private WideBeat(Fields f, Shape<T> item, int ratio, bool withCount) : base(f)
    {
        Items = f.Array(item, ratio);
        Count = withCount ? f.UInt(CountBits(ratio)) : null;
    }

    public static Shape<WideBeat<T>> Shape(Shape<T> item, int ratio, bool withCount) =>
        Zfpe.Hdl.Shape.Of(f => new WideBeat<T>(f, item, ratio, withCount));

    /// <summary>Bits of <see cref="Count"/>: enough for 0..ratio.</summary>
    public static int CountBits(int ratio) => Math.Max(1, (int)Math.Ceiling(Math.Log2(ratio + 1)));
}
