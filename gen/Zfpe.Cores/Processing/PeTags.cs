using Zfpe.Hdl;

namespace Zfpe.Cores.Processing;

/// <summary>What travels beside a product through the multiplier: where its partial sum comes from and where the sum goes.</summary>
public sealed class PeProductTag : Bundle
{
    /// <summary>The first input of a tile: the partial sum is the bias, not the accumulator queue's head.</summary>
    public Bool First { get; }

    /// <summary>The last input of a tile: the sum is a result, not a partial sum.</summary>
    public Bool LastInput { get; }

    /// <summary>The tile's final multiply-add: its sum is the result stream's last beat.</summary>
    public Bool Final { get; }

    /// <summary>The last of the B rows of an output: on a tile's first input, its bias leaves the bias stream after this one.</summary>
    public Bool RowEnd { get; }

    /// <summary>The last of the K outputs: with <see cref="RowEnd"/> on a tile's first input, the tile's last bias leaves after this one.</summary>
    public Bool SlotEnd { get; }

    private PeProductTag(Fields f) : base(f)
    {
        First = f.Bool();
        LastInput = f.Bool();
        Final = f.Bool();
        RowEnd = f.Bool();
        SlotEnd = f.Bool();
    }

    public static Shape<PeProductTag> Shape { get; } = Zfpe.Hdl.Shape.Of(f => new PeProductTag(f));
}

/// <summary>What travels beside a sum through the adder: where it goes.</summary>
public sealed class PeSumTag : Bundle
{
    /// <summary>The sum is a result (the tile's last input), not a partial sum for the accumulator queue.</summary>
    public Bool Result { get; }

    /// <summary>The tile's final result.</summary>
    public Bool Final { get; }

    private PeSumTag(Fields f) : base(f)
    {
        Result = f.Bool();
        Final = f.Bool();
    }

    public static Shape<PeSumTag> Shape { get; } = Zfpe.Hdl.Shape.Of(f => new PeSumTag(f));
}
