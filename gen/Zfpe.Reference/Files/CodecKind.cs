namespace Zfpe.Reference.Files;

/// <summary>The codec of a compressed stream; the numbers are the .zfpe container's codec ids.</summary>
public enum CodecKind
{
    /// <summary>ZFPe (docs/zfpe-format.md §3–4).</summary>
    Zfpe = 1,

    /// <summary>ZFP fixed-rate, 1-D float32 (docs/zfpe-format.md §7).</summary>
    Zfp = 2,
}
