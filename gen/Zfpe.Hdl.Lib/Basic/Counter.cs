using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Basic;

/// <summary>
/// A free-running counter with enable and synchronous clear, wrapping at <c>Limit</c> − 1
/// (2^width when no limit is given). <c>Wrap</c> is high in the cycle the count wraps.
/// Latency: <c>Count</c> shows an increment one cycle after <c>Enable</c>.
/// </summary>
public sealed class Counter : Component
{
    public readonly Bool Enable;
    public readonly Bool Clear;
    public readonly UInt Count;
    public readonly Bool Wrap;

    public Counter(int width = 8, long? limit = null)
    {
        if (width is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(width), width, "counter width must be 1..64 bits");
        if (limit is { } l && (l < 2 || (width < 63 && l > 1L << width)))
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"counter limit must be 2..2^width (= {(width < 63 ? 1L << width : long.MaxValue)})");
        Param("width", width, 8);
        Param("limit", limit ?? 0, 0);

        Enable = In.Bool();
        Clear = In.Bool();
        Count = Out.UInt(width);
        Wrap = Out.Bool();

        var value = Reg.UInt(width, reset: 0, name: "value");
        var atLimit = limit is { } max ? value == max - 1 : value.AndReduce();
        Wrap.Assign(Enable & atLimit);
        When(Clear, () => value.Assign(0UL))
            .ElseWhen(Enable, () => value.Assign(limit is null ? value + 1 : Hw.Mux(atLimit, Hw.U(0, width), value + 1)));
        Count.Assign(value);
    }
}
