using System.Numerics;

namespace Zfpe.Sim.Tests;

public sealed class WidePortTests
{
    private static readonly int[] Widths = [1, 7, 9, 17, 33, 64, 65, 100, 128];

    [Fact]
    public void Every_width_class_round_trips_through_a_register()
    {
        using var sim = ResetWithoutWaves(Designs.WidthZoo());
        var random = new Random(4);
        for (var round = 0; round < 50; round++)
        {
            var values = Widths.ToDictionary(w => w, w => RandomBits(random, w));
            foreach (var (w, v) in values) sim.Poke($"in_{w}", v);
            sim.Step();
            foreach (var (w, v) in values) Assert.Equal(v, sim.PeekBig($"out_{w}"));
        }
    }

    [Fact]
    public void Ports_up_to_64_bits_take_and_give_ulong_including_the_top_bit()
    {
        using var sim = ResetWithoutWaves(Designs.WidthZoo());
        sim.Poke("in_64", 0x8000_0000_0000_0001UL);
        sim.Poke("in_33", 0x1_8000_0001UL);
        sim.Step();
        Assert.Equal(0x8000_0000_0000_0001UL, sim.Peek("out_64"));
        Assert.Equal(0x1_8000_0001UL, sim.Peek("out_33"));
        sim.Eval();
        Assert.Equal(0x0_7FFF_FFFEUL, sim.Peek("inv_33"));
    }

    [Fact]
    public void Ports_wider_than_64_bits_take_and_give_BigInteger_and_words_both_ways()
    {
        using var sim = ResetWithoutWaves(Designs.WidthZoo());
        var a = (BigInteger.One << 99) | 0x1234_5678_9ABC_DEF0;
        var b = (BigInteger.One << 99) + 5;
        sim.Poke("in_100", a);
        sim.Port("in_128").Poke(Words(b, 4));
        sim.Eval();
        Assert.Equal(((BigInteger.One << 100) - 1) ^ a, sim.PeekBig("inv_100"));
        sim.Step();
        var sum = sim.PeekBig("sum_101");
        Assert.Equal(a + b, sum);
        Assert.True(sum >> 100 == 1, "the carry reaches bit 100");
        Assert.Equal(Words(b, 4), sim.Port("out_128").PeekWords());
        sim.Poke("in_65", Words(BigInteger.One << 64, 3));
        sim.Step();
        Assert.Equal(new uint[] { 0, 0, 1 }, sim.PeekWords("out_65"));
    }

    [Fact]
    public void A_ulong_poked_into_a_wide_port_clears_its_upper_words()
    {
        using var sim = ResetWithoutWaves(Designs.WidthZoo());
        sim.Poke("in_100", (BigInteger.One << 100) - 1);
        sim.Poke("in_100", 0xFFFF_FFFF_FFFF_FFFFUL);
        sim.Step();
        Assert.Equal(new BigInteger(ulong.MaxValue), sim.PeekBig("out_100"));
    }

    [Fact]
    public void Signed_ports_take_and_give_negative_numbers()
    {
        using var sim = ResetWithoutWaves(Designs.WidthZoo());
        sim.Poke("s_in", -2048L);
        sim.Poke("ws_in", -(BigInteger.One << 68) + 3);
        sim.Step();
        Assert.Equal(-4096L, sim.PeekSigned("s_twice"));
        Assert.Equal(new BigInteger(-4096), sim.PeekBig("s_twice"));
        Assert.Equal((BigInteger.One << 68) - 3, sim.PeekBig("ws_neg"));
        sim.Poke("ws_in", (BigInteger.One << 68) - 3);
        sim.Step();
        Assert.Equal(-(BigInteger.One << 68) + 3, sim.PeekBig("ws_neg"));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Poke("s_in", 2048L));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Poke("ws_in", BigInteger.One << 69));
    }

    [Fact]
    public void Wide_ports_refuse_the_64_bit_read_and_oversized_words()
    {
        using var sim = Simulation.Create(Designs.WidthZoo(), NoWaves);
        Assert.Contains("PeekBig or PeekWords", Assert.Throws<ArgumentException>(() => sim.Peek("out_100")).Message);
        var in100 = sim.Port("in_100");
        Assert.Contains("4 words, not 3", Assert.Throws<ArgumentException>(() => in100.Poke([1u, 2u, 3u])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => in100.Poke([0u, 0u, 0u, 0x10u]));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Poke("in_100", BigInteger.One << 100));
    }

    private static uint[] Words(BigInteger value, int count) =>
        Enumerable.Range(0, count).Select(i => (uint)((value >> (32 * i)) & uint.MaxValue)).ToArray();

    private static BigInteger RandomBits(Random random, int width)
    {
        var bytes = new byte[(width + 7) / 8 + 1];
        random.NextBytes(bytes);
        bytes[^1] = 0;
        return new BigInteger(bytes) & ((BigInteger.One << width) - 1);
    }
}
