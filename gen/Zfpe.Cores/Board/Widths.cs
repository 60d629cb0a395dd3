using System.Numerics;

namespace Zfpe.Cores.Board;

internal static class Widths
{
    /// <summary>Bits of an unsigned counter that reaches <paramref name="maxValue"/>.</summary>
    public static int For(long maxValue) => Math.Max(1, 64 - BitOperations.LeadingZeroCount((ulong)maxValue));
}
