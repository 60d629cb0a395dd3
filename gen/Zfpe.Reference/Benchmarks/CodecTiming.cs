namespace Zfpe.Reference.Benchmarks;

/// <summary>A codec's best compression and decompression times in seconds: CPU time of the thread (wall-clock where no thread clock exists) and wall-clock.</summary>
public sealed record CodecTiming(string Name, double BitsPerValue, double CompressCpu, double CompressWall, double DecompressCpu, double DecompressWall);
