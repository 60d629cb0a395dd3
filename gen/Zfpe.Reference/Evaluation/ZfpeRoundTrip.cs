using Zfpe.Reference.Codecs;
using Zfpe.Reference.Metrics;

namespace Zfpe.Reference.Evaluation;

/// <summary>
/// The quality of ZFPe on one array at one parameter point: the whole array compressed and
/// decompressed with the reference model (<see cref="ZfpeCodec"/>) and compared, counting every
/// stored bit (whole blocks, the last one padded).
/// </summary>
public static class ZfpeRoundTrip
{
    public static ErrorMetrics Measure(float[] values, ZfpeParameters p)
    {
        var stream = ZfpeCodec.Compress(values, p, out _);
        var back = ZfpeCodec.Decompress(stream, values.Length, p);
        var blocks = (values.Length + ZfpeParameters.BlockSize - 1) / ZfpeParameters.BlockSize;
        return ErrorStatistics.Compare(values, back, (long)blocks * p.BlockBits);
    }
}
