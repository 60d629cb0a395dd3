namespace Zfpe.Reference.Codecs;

/// <summary>
/// How the ZFPe encoder turns a lifted coefficient into a (flag, payload) field
/// (docs/zfpe-format.md §3 step 6 and §3.1). The decoder is the same for both.
/// </summary>
public enum ZfpeRounding
{
    /// <summary>The authors' rule: the window chosen by <c>u &gt;&gt; split</c>, the bits below it dropped.</summary>
    Truncate = 0,

    /// <summary>ZFPe+: of every field, the one whose decoded coefficient is closest to the lifted one (§3.1).</summary>
    Nearest = 1,
}
