namespace Zfpe.Cores.Board;

/// <summary>The status byte that ends every codec reply (PROTOCOL.md); several bits may be set.</summary>
[Flags]
public enum CodecLinkStatus : byte
{
    None = 0,

    /// <summary>A NaN or ±Inf was among the values: replaced by 0 or ±FLT_MAX before compression (docs/zfpe-format.md §3 step 1).</summary>
    NonFiniteInput = 1,

    /// <summary>The request's CRC did not match its bytes: the values may not be the ones the host sent.</summary>
    ChecksumMismatch = 2,

    /// <summary>The UART received a frame with a 0 stop bit during the request (a byte was lost).</summary>
    FramingError = 4,

    /// <summary>The line went quiet mid-request: the missing values were taken as +0.0 and no CRC was checked.</summary>
    Truncated = 8,

    /// <summary>The value count was 0, not a multiple of 4, or above the maximum: nothing was processed.</summary>
    BadCount = 16,
}
