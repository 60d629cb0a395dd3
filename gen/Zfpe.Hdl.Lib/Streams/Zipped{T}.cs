using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>N payloads side by side, <see cref="Items"/>[0] in the least significant bits: the output of a <see cref="StreamJoin{T}"/>.</summary>
public sealed class Zipped<T> : Bundle where T : class, IHdlData
{
    public IReadOnlyList<T> Items { get; }

    private Zipped(Fields f, Shape<T> item, int count) : base(f) => Items = f.Array(item, count);

    public static Shape<Zipped<T>> Shape(Shape<T> item, int count) => Zfpe.Hdl.Shape.Of(f => new Zipped<T>(f, item, count));
}
