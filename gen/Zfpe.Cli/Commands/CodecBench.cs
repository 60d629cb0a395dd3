using System.CommandLine;
using System.Globalization;
using Zfpe.Reference.Benchmarks;
using Zfpe.Reference.Peers;

namespace Zfpe.Cli.Commands;

/// <summary>
/// `zfpe bench codec`: single-threaded compression and decompression throughput of the C# ZFPe
/// (b = 5), the C# ZFP (rate 8) and libzfp (rate 8) on the same data in the same run, as MB/s of
/// float32 input, then the ratios of the C# compressors to libzfp's (<see cref="CodecBenchmark"/>).
/// </summary>
public static class CodecBench
{
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

        var result = CodecBenchmark.Run(count, repeat, seed);
        var inv = CultureInfo.InvariantCulture;
        double megabytes = 4.0 * count / 1e6;
        Console.WriteLine(string.Create(inv, $"codec bench: {count:N0} float32 values ({megabytes:F1} MB), synthetic weights (seed {seed}), single thread, best of {repeat}"));
        Console.WriteLine($"MB/s of float32 input per second of the thread's CPU time{(result.HasThreadClock ? "" : " (not available here: wall-clock)")}; wall-clock MB/s in brackets");
        Console.WriteLine($"{"codec",-20} {"compress MB/s",22} {"decompress MB/s",22} {"bits/value",11}");
        foreach (var c in result.Codecs)
            Console.WriteLine(string.Create(inv,
                $"{c.Name,-20} {megabytes / c.CompressCpu,12:F1} [{megabytes / c.CompressWall,7:F1}] {megabytes / c.DecompressCpu,12:F1} [{megabytes / c.DecompressWall,7:F1}] {c.BitsPerValue,11:F2}"));
        Console.WriteLine($"C# ZFP stream identical to libzfp's: {(result.ZfpStreamIdentical ? "yes" : "NO")}");
        Console.WriteLine(string.Create(inv, $"zfpe_vs_libzfp={result.ZfpeVsLibZfp:F2} zfp_vs_libzfp={result.ZfpVsLibZfp:F2}"));
        return result.ZfpStreamIdentical ? CliRunner.Ok : CliRunner.CheckFailed;
    }
}
