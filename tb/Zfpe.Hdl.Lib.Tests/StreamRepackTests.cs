using System.Numerics;

namespace Zfpe.Hdl.Lib.Tests;

/// <summary>The bit gearbox: fragments' bits cut into beats of another width, the tail padded or dropped.</summary>
public class StreamRepackTests
{
    /// <summary>Memory words to ZFPe blocks (b 5, 9 and e9 b5) and back, and widths that do not divide.</summary>
    public static TheoryData<int, int, RepackTail> Cases => new()
    {
        { 16, 32, RepackTail.Drop },
        { 16, 48, RepackTail.Drop },
        { 16, 33, RepackTail.Drop },
        { 48, 16, RepackTail.Drop },
        { 32, 16, RepackTail.Pad },
        { 33, 16, RepackTail.Pad },
        { 48, 16, RepackTail.Pad },
        { 5, 7, RepackTail.Pad },
        { 7, 5, RepackTail.Drop },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Repack_cuts_each_fragment_least_significant_bit_first_with_last_on_its_final_beat(int inBits, int outBits, RepackTail tail)
    {
        var repack = new StreamRepack(inBits, outBits, tail);
        using var sim = LintCleanSimulation.Create(repack);
        var bench = new StreamBench(sim, seed: inBits * 100 + outBits);
        var input = bench.Source<ulong>(sim.Stream(repack.Input), StallProfile.Random(1300, 4));
        var output = bench.Sink<ulong>(sim.Stream(repack.Output), StallProfile.Random(1700, 3));
        input.Packets = r =>
        {
            // Drop: whole output beats, padded to whole input beats (a region of blocks in memory words);
            // Pad: any number of input beats (blocks to words).
            var beats = tail == RepackTail.Drop
                ? (r.Next(1, 12) * outBits + inBits - 1) / inBits
                : r.Next(1, 12);
            return Enumerable.Range(0, beats).Select(_ => (ulong)r.NextInt64() & Mask(inBits)).ToList();
        };
        var bits = BigInteger.Zero;
        var held = 0;
        bench.Model(input, output, (v, last) =>
        {
            bits |= new BigInteger(v) << held;
            held += inBits;
            var beats = new List<(ulong, bool?)>();
            while (held >= outBits)
            {
                beats.Add(((ulong)(bits & Mask(outBits)), false));
                bits >>= outBits;
                held -= outBits;
            }
            if (!last) return beats;
            if (tail == RepackTail.Pad && held > 0) beats.Add(((ulong)bits, false));
            beats[^1] = (beats[^1].Item1, true);
            bits = BigInteger.Zero;
            held = 0;
            return beats;
        });
        Cosim.AssertLongEnough(bench.Run(Cosim.MinimumCycles));
    }

    [Fact]
    public void Repack_moves_a_beat_per_cycle_on_its_slower_side()
    {
        // 16-bit words into 48-bit blocks with nothing stalled: a word per cycle in, so 3 cycles a block.
        var repack = new StreamRepack(16, 48, RepackTail.Drop);
        using var sim = LintCleanSimulation.Create(repack);
        var bench = new StreamBench(sim, seed: 5);
        var input = bench.Source<ulong>(sim.Stream(repack.Input), StallProfile.None);
        var output = bench.Sink<ulong>(sim.Stream(repack.Output), StallProfile.None);
        // Regions of 100 blocks: the only bubble is the cycle a region's final block leaves.
        input.Packets = r => Enumerable.Range(0, 300).Select(_ => (ulong)r.Next(1 << 16)).ToList();
        var words = new List<ulong>();
        bench.Model(input, output, (v, last) =>
        {
            words.Add(v);
            if (words.Count < 3) return [];
            var block = words[0] | words[1] << 16 | words[2] << 32;
            words.Clear();
            return [(block, last)];
        });
        var result = bench.Run(3000);
        // A word a cycle, plus a bubble per region, the bench's quiet cycles at the end and a few to start.
        var regions = result.BeatsIn[0] / 300;
        var budget = result.BeatsIn[0] + regions + bench.QuietCycles + 8;
        Assert.True(result.Cycles <= budget, $"{result.BeatsIn[0]} words ({regions} regions) took {result.Cycles} cycles, more than {budget}");
    }

    [Theory]
    [InlineData(0, 16)]
    [InlineData(16, 257)]
    public void Repack_rejects_a_width_out_of_range(int inBits, int outBits)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StreamRepack(inBits, outBits, RepackTail.Pad));
        Assert.Contains("out of range: allowed 1..256", error.Message);
    }

    private static ulong Mask(int bits) => bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
}
