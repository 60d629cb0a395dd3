namespace Zfpe.Cores.Board;

/// <summary>
/// The board's answer to a codec request: one compressed block per 4 values (bit 0 of each
/// <see cref="UInt128"/> is the block's first bit, docs/zfpe-format.md §3 step 7), the decoded values,
/// and the status.
/// </summary>
public sealed record CodecLinkReply(int ValueCount, IReadOnlyList<UInt128> Blocks, float[] Values, CodecLinkStatus Status);
