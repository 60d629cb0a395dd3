using System.Numerics;
using Zfpe.Hdl.Emit;

namespace Zfpe.Sim.Tests;

/// <summary>
/// The bridge reads and writes ports in place; the shim's by-id setters and getters are the C ABI
/// for other hosts (and the plain C++ driver's neighbours). Both views must agree bit for bit.
/// </summary>
public sealed unsafe class ShimAbiTests
{
    [Fact]
    public void Values_set_by_id_through_the_C_ABI_are_what_the_bridge_reads()
    {
        using var sim = Simulation.Create(Designs.WidthZoo(), NoWaves);
        var abi = sim.Model.Library;
        var h = sim.NativeInstance;
        var random = new Random(21);
        foreach (var port in sim.Ports.Where(p => p.IsInput && p.Role == PortRole.Data))
        {
            var words = RandomWords(port, random);
            fixed (uint* w = words) abi.SetWords(h, port.Id, w);
            Assert.Equal(words, sim.PeekWords(port));

            var low = (ulong)random.NextInt64() & port.Mask;
            abi.Set(h, port.Id, low);
            Assert.Equal(new BigInteger(low), Unsigned(sim, port));
        }
    }

    [Fact]
    public void Values_the_bridge_writes_are_what_the_C_ABI_reads_by_id()
    {
        using var sim = Simulation.Create(Designs.WidthZoo(), NoWaves);
        var abi = sim.Model.Library;
        var h = sim.NativeInstance;
        var random = new Random(22);
        foreach (var port in sim.Ports.Where(p => p.IsInput && p.Role == PortRole.Data))
        {
            var words = RandomWords(port, random);
            port.Poke(words);
            var read = new uint[port.Words];
            fixed (uint* w = read) abi.GetWords(h, port.Id, w);
            Assert.Equal(words, read);
            Assert.Equal(words[0] | (port.Words > 1 ? (ulong)words[1] << 32 : 0), abi.Get(h, port.Id));
        }
    }

    [Fact]
    public void The_C_ABI_masks_values_to_the_port_width()
    {
        using var sim = Simulation.Create(Designs.WidthZoo(), NoWaves);
        var abi = sim.Model.Library;
        abi.Set(sim.NativeInstance, sim.Port("in_7").Id, ulong.MaxValue);
        abi.Set(sim.NativeInstance, sim.Port("in_100").Id, ulong.MaxValue);
        Assert.Equal(0x7FUL, sim.Peek("in_7"));
        Assert.Equal(new BigInteger(ulong.MaxValue), sim.PeekBig("in_100"));
        Assert.Equal(
            "width_zoo|clk:1:in;reset:1:in;in_1:1:in;in_7:7:in;in_9:9:in;in_17:17:in;in_33:33:in;in_64:64:in;in_65:65:in;in_100:100:in;in_128:128:in;" +
            "s_in:12:in;ws_in:70:in;out_1:1:out;out_7:7:out;out_9:9:out;out_17:17:out;out_33:33:out;out_64:64:out;out_65:65:out;out_100:100:out;" +
            "out_128:128:out;inv_100:100:out;inv_33:33:out;sum_101:101:out;s_twice:13:out;ws_neg:70:out;",
            abi.Description);
    }

    /// <summary>Random words for a port, the bits above its width cleared.</summary>
    private static uint[] RandomWords(SimPort port, Random random)
    {
        var words = Enumerable.Range(0, port.Words).Select(_ => (uint)random.NextInt64()).ToArray();
        if (port.Width % 32 != 0) words[^1] &= (1u << (port.Width % 32)) - 1;
        return words;
    }

    private static BigInteger Unsigned(Simulation sim, SimPort port)
    {
        var words = sim.PeekWords(port);
        var bytes = words.SelectMany(BitConverter.GetBytes).ToArray();
        return new BigInteger(bytes, isUnsigned: true);
    }
}
