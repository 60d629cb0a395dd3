using Zfpe.Cores.Board;

namespace Zfpe.Host;

/// <summary>
/// Everything the board returned for one input: its blocks and decoded values in order (the last
/// request padded to whole blocks with +0.0), the status bits of all requests together, and
/// the traffic.
/// </summary>
public sealed record HostRunResult(
    CodecLinkInfo Info,
    IReadOnlyList<UInt128> Blocks,
    float[] Values,
    CodecLinkStatus Status,
    int Requests,
    long BytesSent,
    long BytesReceived,
    TimeSpan Elapsed);
