namespace Zfpe.Reference.Benchmarks;

/// <summary>
/// What <see cref="CodecBenchmark"/> measured: the C# ZFPe, the C# ZFP and libzfp in that order;
/// whether CPU time of the thread was available; whether the C# ZFP stream is libzfp's byte for byte.
/// </summary>
public sealed record CodecBenchmarkResult(int Count, int Seed, int Repeat, IReadOnlyList<CodecTiming> Codecs, bool HasThreadClock, bool ZfpStreamIdentical)
{
    /// <summary>libzfp's compression time over the C# ZFPe's (above 1: the C# ZFPe is faster).</summary>
    public double ZfpeVsLibZfp => Codecs[2].CompressCpu / Codecs[0].CompressCpu;

    /// <summary>libzfp's compression time over the C# ZFP's.</summary>
    public double ZfpVsLibZfp => Codecs[2].CompressCpu / Codecs[1].CompressCpu;
}
