using Zfpe.Hdl;

namespace Zfpe.Cores.Float;

/// <summary>The cores' last step (Float/README.md, "Values"): every zero is +0, overflow saturates to ±largest finite, otherwise sign | E | fraction.</summary>
internal static class FloatPacking
{
    /// <summary>The 31-bit magnitude of the largest finite result: E = 254, all m significand bits set.</summary>
    public static long LargestFinite(int m) => (254L << 23) | ((1L << 23) - (1L << (24 - m)));

    public static UInt Pack(int m, Bool negative, Bool flush, Bool saturate, UInt exponentField, UInt fraction)
    {
        var magnitude = m == 24
            ? Hw.Cat(exponentField, fraction)
            : Hw.Cat(exponentField, fraction, Hw.U(0, 24 - m));
        var word = Hw.Cat(negative, Hw.Mux(saturate, Hw.U(LargestFinite(m), 31), magnitude));
        return Hw.Mux(flush, Hw.U(0, 32), word);
    }
}
