using Zfpe.Hdl.Emit;

namespace Zfpe.Sim;

/// <summary>
/// The bridge against the plain C++ loop on the same model and the same <see cref="InputPattern"/>:
/// parts (a) and (b) of <c>zfpe bench cosim</c>.
/// </summary>
public static class CosimBenchmark
{
    /// <summary>
    /// Builds the model without waves, warms the bridge up (so that the JIT has compiled the
    /// per-cycle path), then times both on <paramref name="cycles"/> cycles from a fresh start,
    /// <paramref name="repeats"/> times in alternation, and keeps the best run of each: on a
    /// shared machine the fastest run is the one least disturbed by other work.
    /// </summary>
    public static CosimComparison Run(EmittedDesign design, long cycles, ulong seed = 1, SimOptions? options = null, int repeats = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cycles, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        options = (options ?? SimOptions.Default) with { Waves = WaveFormat.None };
        var cache = options.CacheDirectory is null ? ModelCache.Default : ModelCache.For(options.ResolveCacheDirectory());
        var model = cache.GetOrBuild(design, options);
        var driver = model.CppDriver();
        using (var warmUp = model.Start(name: design.TopModule + "-warmup"))
            InputPattern.Run(warmUp, Math.Min(cycles, 200_000), seed + 1);

        PatternResult? bridge = null, cpp = null;
        using (CpuPin.Current())
        {
            for (var r = 0; r < repeats; r++)
            {
                using (var sim = model.Start(name: design.TopModule + "-bench"))
                    bridge = Faster(bridge, InputPattern.Run(sim, cycles, seed));
                cpp = Faster(cpp, driver.Run(cycles, seed));
            }
        }
        return new CosimComparison(bridge!, cpp!);
    }

    private static PatternResult Faster(PatternResult? best, PatternResult run) =>
        best is null || run.Seconds < best.Seconds ? run : best;
}
