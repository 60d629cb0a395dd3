using Xunit.Abstractions;
using Zfpe.Hdl.Emit;

namespace Zfpe.Sim.Tests;

/// <summary>
/// Part (c) of <c>zfpe bench cosim</c>: the input pattern as a Verilog bench for Icarus. Its
/// checksum must equal the bridge's and the C++ loop's, so the speed figures compare like with like
/// (and Icarus, a second simulator, confirms what Verilator computed).
/// </summary>
public sealed class IcarusBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void Icarus_the_bridge_and_the_Cpp_loop_agree_on_a_stream_whose_idle_payload_is_unknown_in_Icarus()
    {
        // The FIFO's storage has no reset: Icarus reads x from it (Verilator 0) until it is written,
        // but only while pop_valid is low, where the pattern counts the payload and last as 0.
        var design = Designs.StreamFifo();
        var model = ModelCache.Default.GetOrBuild(design, new SimOptions { Waves = WaveFormat.None });
        PatternResult bridge;
        using (var sim = model.Start())
            bridge = InputPattern.Run(sim, 3000, seed: 5);
        var cpp = model.CppDriver().Run(3000, seed: 5);
        var work = Path.Combine(Path.GetTempPath(), $"zfpe-icarus-test-{Guid.NewGuid():N}");
        try
        {
            var icarus = IcarusBenchmark.Run(design, 3000, seed: 5, work);
            output.WriteLine($"bridge {bridge.Checksum:x16}, C++ {cpp.Checksum:x16}, Icarus {icarus.Checksum:x16}");
            Assert.Equal(bridge.Checksum, cpp.Checksum);
            Assert.Equal(bridge.Checksum, icarus.Checksum);
            Assert.NotEqual(0UL, icarus.Checksum);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void A_stream_payload_and_last_are_dont_care_only_beside_a_one_bit_valid_output()
    {
        PortInfo Out(string name, int width) => new(name, width, PortDirection.Output, false, PortRole.Data);
        var outputs = new[]
        {
            Out("a_payload", 32), Out("a_last", 1), Out("a_valid", 1),
            Out("b_payload", 8),                          // no b_valid
            Out("c_payload", 8), Out("c_valid", 2),       // not a valid flag
            Out("a_ready", 1), Out("payload", 4),
        };
        Assert.Equal(["a_valid", "a_valid", null, null, null, null, null, null], InputPattern.ValidOf(outputs));
    }
}
