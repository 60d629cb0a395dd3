using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Datasets;
using Zfpe.Reference.Peers;

namespace Zfpe.Cli.Commands;

/// <summary>
/// `zfpe bench codec`: single-threaded compression and decompression throughput of the C# ZFPe
/// (b = 5), the C# ZFP (rate 8) and libzfp (rate 8) on the same data in the same run, as MB/s of
/// float32 input, then the ratios of the C# compressors to libzfp's.
/// </summary>
public static class CodecBench
{
    private const double ZfpRate = 8;

    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "float32 values to compress", DefaultValueFactory = _ => 16 * 1024 * 1024 };
        var repeat = new Option<int>("--repeat") { Description = "runs per codec and direction; the best time is reported", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "seed of the synthetic weight data", DefaultValueFactory = _ => 1 };
        var cmd = new Command("codec", "throughput of the C# ZFPe and ZFP codecs against libzfp, single-threaded") { count, repeat, seed };
        cmd.SetAction(r => CliRunner.Run(() => Run(r.GetValue(count), r.GetValue(repeat), r.GetValue(seed))));
        return cmd;
    }

    private static int Run(int count, int repeat, int seed)
    {
        if (count < 4)
            throw new CliException($"--count = {count} is too small: use at least 4 values");
        if (repeat < 1)
            throw new CliException($"--repeat = {repeat} is out of range: use 1 or more");
        if (!LibZfp.IsAvailable)
            throw new CliException(LibZfp.MissingMessage, CliRunner.MissingTool);

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
        // Rounds interleave the codecs so that a busy machine slows them alike; each keeps its best run.
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

        var inv = CultureInfo.InvariantCulture;
        double megabytes = 4.0 * count / 1e6;
        Console.WriteLine(string.Create(inv, $"codec bench: {count:N0} float32 values ({megabytes:F1} MB), synthetic weights (seed {seed}), single thread, best of {repeat}"));
        Console.WriteLine($"MB/s of float32 input per second of the thread's CPU time{(Timing.HasThreadClock ? "" : " (not available here: wall-clock)")}; wall-clock MB/s in brackets");
        Console.WriteLine($"{"codec",-20} {"compress MB/s",22} {"decompress MB/s",22} {"bits/value",11}");
        for (int i = 0; i < codecs.Length; i++)
            Console.WriteLine(string.Create(inv,
                $"{codecs[i].Name,-20} {megabytes / best[i, 0].Cpu,12:F1} [{megabytes / best[i, 0].Wall,7:F1}] {megabytes / best[i, 1].Cpu,12:F1} [{megabytes / best[i, 1].Wall,7:F1}] {codecs[i].BitsPerValue,11:F2}"));
        Console.WriteLine($"C# ZFP stream identical to libzfp's: {(identical ? "yes" : "NO")}");
        double zfpeRatio = best[2, 0].Cpu / best[0, 0].Cpu;
        double zfpRatio = best[2, 0].Cpu / best[1, 0].Cpu;
        Console.WriteLine(string.Create(inv, $"zfpe_vs_libzfp={zfpeRatio:F2} zfp_vs_libzfp={zfpRatio:F2}"));
        return identical ? CliRunner.Ok : CliRunner.CheckFailed;
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
