using System.Diagnostics;
using System.Runtime.InteropServices;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Datasets;
using Zfpe.Reference.Peers;

namespace Zfpe.Reference.Benchmarks;

/// <summary>
/// Single-threaded compression and decompression times of the C# ZFPe (b = 5), the C# ZFP
/// (rate 8) and libzfp (rate 8) on the same synthetic weights in the same run, best of
/// <c>repeat</c>; rounds interleave the codecs so that a busy machine slows them alike.
/// </summary>
public static class CodecBenchmark
{
    public const double ZfpRate = 8;

    /// <summary>Times every codec on <paramref name="count"/> values; libzfp must be available (<see cref="LibZfp.IsAvailable"/>).</summary>
    public static CodecBenchmarkResult Run(int count, int repeat, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        var values = ReferenceDatasets.WeightLike(count, seed);
        var zfpe = new ZfpeParameters();
        var zfp = new ZfpParameters(ZfpRate);

        var zfpeStream = new byte[ZfpeCodec.CompressedBytes(count, zfpe)];
        var zfpStream = new byte[ZfpCodec.CompressedBytes(count, zfp)];
        var libStream = new byte[LibZfp.MaximumBytes(count, ZfpRate)];
        var output = new float[count];

        Warm(zfpe, zfp);
        int libLength = 0;
        var codecs = new (string Name, double BitsPerValue, Action Compress, Action Decompress)[]
        {
            ($"ZFPe b={zfpe.B} (C#)", zfpe.BitsPerValue,
                () => ZfpeCodec.Compress(values, zfpeStream, zfpe, out _), () => ZfpeCodec.Decompress(zfpeStream, output, zfpe)),
            ($"ZFP rate {ZfpRate} (C#)", zfp.BitsPerValue,
                () => ZfpCodec.Compress(values, zfpStream, zfp, out _), () => ZfpCodec.Decompress(zfpStream, output, zfp)),
            ($"libzfp rate {ZfpRate}", ZfpRate,
                () => libLength = LibZfp.Compress(values, ZfpRate, libStream), () => LibZfp.Decompress(libStream, output, ZfpRate)),
        };
        var best = new Timing[codecs.Length, 2];
        for (int i = 0; i < codecs.Length; i++)
            best[i, 0] = best[i, 1] = Timing.Worst;
        for (int round = 0; round < repeat; round++)
            for (int i = 0; i < codecs.Length; i++)
            {
                best[i, 0] = Timing.Best(best[i, 0], Timing.Measure(codecs[i].Compress));
                best[i, 1] = Timing.Best(best[i, 1], Timing.Measure(codecs[i].Decompress));
            }

        // A benchmark of two codecs that disagree would compare different work.
        bool identical = libLength == zfpStream.Length && libStream.AsSpan(0, libLength).SequenceEqual(zfpStream);
        var timings = Enumerable.Range(0, codecs.Length)
            .Select(i => new CodecTiming(codecs[i].Name, codecs[i].BitsPerValue, best[i, 0].Cpu, best[i, 0].Wall, best[i, 1].Cpu, best[i, 1].Wall))
            .ToList();
        return new CodecBenchmarkResult(count, seed, repeat, timings, Timing.HasThreadClock, identical);
    }

    /// <summary>Runs every codec on a small slice often enough for the JIT to finish optimising it.</summary>
    private static void Warm(ZfpeParameters zfpe, ZfpParameters zfp)
    {
        var values = ReferenceDatasets.WeightLike(4096, 0);
        var stream = new byte[Math.Max(ZfpeCodec.CompressedBytes(values.Length, zfpe), LibZfp.MaximumBytes(values.Length, ZfpRate))];
        var output = new float[values.Length];
        for (int i = 0; i < 64; i++)
        {
            int n = (int)ZfpeCodec.CompressedBytes(values.Length, zfpe);
            ZfpeCodec.Compress(values, stream, zfpe, out _);
            ZfpeCodec.Decompress(stream.AsSpan(0, n), output, zfpe);
            n = (int)ZfpCodec.CompressedBytes(values.Length, zfp);
            ZfpCodec.Compress(values, stream, zfp, out _);
            ZfpCodec.Decompress(stream.AsSpan(0, n), output, zfp);
        }
        LibZfp.Compress(values, ZfpRate, stream);
    }

    /// <summary>
    /// One run's duration as CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID, so that other
    /// processes on a shared machine do not count) and as wall-clock time.
    /// </summary>
    private readonly record struct Timing(double Cpu, double Wall)
    {
        public static readonly Timing Worst = new(double.MaxValue, double.MaxValue);

        public static bool HasThreadClock { get; } = OperatingSystem.IsLinux() && TryThreadCpuSeconds(out _);

        public static Timing Best(Timing a, Timing b) => new(Math.Min(a.Cpu, b.Cpu), Math.Min(a.Wall, b.Wall));

        public static Timing Measure(Action run)
        {
            var watch = Stopwatch.StartNew();
            double cpu = ThreadCpuSeconds();
            run();
            cpu = ThreadCpuSeconds() - cpu;
            double wall = watch.Elapsed.TotalSeconds;
            return new(HasThreadClock ? cpu : wall, wall);
        }

        private static double ThreadCpuSeconds() => HasThreadClock && TryThreadCpuSeconds(out double s) ? s : 0;

        private static bool TryThreadCpuSeconds(out double seconds)
        {
            seconds = 0;
            try
            {
                if (clock_gettime(ClockThreadCpuTimeId, out var t) != 0)
                    return false;
                seconds = t.Seconds + t.Nanoseconds * 1e-9;
                return true;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }

        private const int ClockThreadCpuTimeId = 3;

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", SetLastError = false)]
        private static extern int clock_gettime(int clock, out TimeSpec time);
    }
}
