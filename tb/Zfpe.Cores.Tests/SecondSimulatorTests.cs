using Xunit.Abstractions;
using Zfpe.Cores.Designs;

namespace Zfpe.Cores.Tests;

/// <summary>
/// The generated codec RTL under a second simulator: Icarus Verilog, driven with the same
/// pseudo-random inputs as the Verilator bridge (zfpe bench cosim's pattern), must produce the same
/// outputs in every cycle (as a checksum). A construct the two simulators read differently (an
/// x-dependent branch, a width rule, a signedness slip) would show here even where the bridge
/// agrees with the reference.
/// </summary>
public class SecondSimulatorTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> IcarusDesigns => new()
    {
        { "compressor", "lanes=1" },
        { "compressor", "lanes=4" },
        { "decompressor", "lanes=1" },
        { "decompressor", "lanes=4" },
    };

    [Theory]
    [MemberData(nameof(IcarusDesigns))]
    public void Icarus_and_the_Verilator_bridge_agree_cycle_by_cycle(string design, string setting)
    {
        var emitted = DesignCatalog.Get(design).Emit(DesignCatalog.ParseSettings([setting]));
        var model = ModelCache.Default.GetOrBuild(emitted, SimOptions.Default with { Waves = WaveFormat.None });
        PatternResult bridge;
        using (var sim = model.Start(name: $"{design}-{setting}-icarus"))
            bridge = InputPattern.Run(sim, 4000, seed: 9);
        var work = Path.Combine(Path.GetTempPath(), $"zfpe-second-simulator-{Guid.NewGuid():N}");
        try
        {
            var icarus = IcarusBenchmark.Run(emitted, 4000, seed: 9, work);
            output.WriteLine($"{design} {setting}: bridge {bridge.Checksum:x16}, Icarus {icarus.Checksum:x16}");
            Assert.True(icarus.Checksum == bridge.Checksum,
                $"{design} {setting}: Icarus checksum {icarus.Checksum:x16} (0: an output was x), the bridge's {bridge.Checksum:x16}; the bench is in {work}");
            Directory.Delete(work, recursive: true);
        }
        catch
        {
            output.WriteLine($"kept {work}");
            throw;
        }
    }
}
