namespace Zfpe.Cores.Codec;

/// <summary>
/// How the compressor turns a lifted coefficient into a (flag, payload) field (docs/zfpe-format.md
/// §3 step 6 and §3.1): the encoder parameter <c>rounding</c>. The same choice as the reference's
/// <c>ZfpeRounding</c>, declared again here because the cores may not know the reference.
/// </summary>
public enum PayloadRounding
{
    /// <summary>The authors' rule: the window chosen by <c>u &gt;&gt; split</c>, the bits below it dropped.</summary>
    Truncate = 0,

    /// <summary>ZFPe+: of every field, the one whose decoded coefficient is closest to the lifted one (§3.1).</summary>
    Nearest = 1,
}
