using Zfpe.Hdl.Emit;

namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// Simulations of the codec cores. Every distinct configuration is a Verilator build (tens of
/// seconds on two cores, cached afterwards), so the tests share the few configurations of
/// <see cref="Covering"/> and run many seeds on each.
/// </summary>
public static class CoreSimulations
{
    /// <summary>The default configuration, with the debug ports.</summary>
    public static ZfpeCoreConfig Default { get; } = new(DebugPorts: true);

    /// <summary>
    /// A covering set rather than the cartesian product: every b of {3, 5, 9, 13}, both exponent
    /// widths, split 28 and two others, every lane count, and b = split (an empty low window shift).
    /// </summary>
    public static IReadOnlyList<ZfpeCoreConfig> Covering { get; } =
    [
        new(B: 3, ExponentBits: 9, Split: 28, Lanes: 2, DebugPorts: true),
        new(B: 9, ExponentBits: 8, Split: 24, Lanes: 4, DebugPorts: true),
        new(B: 13, ExponentBits: 9, Split: 20, Lanes: 8, DebugPorts: true),
        new(B: 28, ExponentBits: 8, Split: 28, Lanes: 1, DebugPorts: true),
    ];

    /// <summary>The default configuration of nearest rounding (ZFPe+: b = 5, split 30), with the debug ports.</summary>
    public static ZfpeCoreConfig Nearest { get; } = new(Split: 30, DebugPorts: true, Rounding: PayloadRounding.Nearest);

    /// <summary>Nearest rounding in two more configurations: b = 9 at two lanes (9 exponent bits), and the authors' split at eight lanes (two blocks per cycle).</summary>
    public static IReadOnlyList<ZfpeCoreConfig> NearestCovering { get; } =
    [
        new(B: 9, ExponentBits: 9, Split: 30, Lanes: 2, DebugPorts: true, Rounding: PayloadRounding.Nearest),
        new(B: 5, ExponentBits: 8, Split: 28, Lanes: 8, DebugPorts: true, Rounding: PayloadRounding.Nearest),
    ];

    public static TheoryData<int> NearestCoveringIndices() => Indices(NearestCovering.Count);

    public static TheoryData<int> CoveringIndices() => Indices(Covering.Count);

    private static TheoryData<int> Indices(int count)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < count; i++) data.Add(i);
        return data;
    }

    public static Simulation Compressor(ZfpeCoreConfig config, string test) =>
        Simulation.Create(VerilogEmitter.Emit(new ZfpeCompressor(config)), new SimOptions { Name = Name("compressor", config, test) });

    public static Simulation Decompressor(ZfpeCoreConfig config, string test) =>
        Simulation.Create(VerilogEmitter.Emit(new ZfpeDecompressor(config)), new SimOptions { Name = Name("decompressor", config, test) });

    private static string Name(string core, ZfpeCoreConfig c, string test) =>
        $"{core}-b{c.B}-e{c.ExponentBits}-s{c.Split}-l{c.Lanes}{(c.Rounding == PayloadRounding.Nearest ? "-nearest" : "")}-{test}";
}
