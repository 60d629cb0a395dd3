using Zfpe.Hdl.Emit;

namespace Zfpe.Sim;

/// <summary>
/// The bridge against the plain C++ loop on the same model and the same <see cref="InputPattern"/>:
/// parts (a) and (b) of <c>zfpe bench cosim</c>.
/// </summary>
public static class CosimBenchmark
{
    /// <summary>
    /// Builds the model without waves, warms the bridge up (so the JIT has compiled the per-cycle
    /// path), then times both on <paramref name="cycles"/> cycles from a fresh start.
    /// </summary>
    public static CosimComparison Run(EmittedDesign design, long cycles, ulong seed = 1, SimOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cycles, 1);
        options = (options ?? SimOptions.Default) with { Waves = WaveFormat.None };
        var cache = options.CacheDirectory is null ? ModelCache.Default : ModelCache.For(options.ResolveCacheDirectory());
        var model = cache.GetOrBuild(design, options);
        using (var warmUp = model.Start(name: design.TopModule + "-warmup"))
            InputPattern.Run(warmUp, Math.Min(cycles, 200_000), seed + 1);
        PatternResult bridge;
        using (var sim = model.Start(name: design.TopModule + "-bench"))
            bridge = InputPattern.Run(sim, cycles, seed);
        var cpp = model.CppDriver().Run(cycles, seed);
        return new CosimComparison(bridge, cpp);
    }
}
