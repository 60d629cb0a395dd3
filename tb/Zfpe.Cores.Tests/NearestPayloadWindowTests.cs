namespace Zfpe.Cores.Tests;

/// <summary>
/// The compressor's nearest-rounding step on its own (<see cref="NearestWindowHarness"/>), on every
/// int32 near the constants that matter (window ends, the midpoints where the flag changes, half
/// steps, the top of int32) and on random ones, bit-exact with the reference's
/// <c>ZfpeCodec.NearestPayloadWindow</c>: coefficients the lift cannot make included.
/// </summary>
public class NearestPayloadWindowTests
{
    [Theory]
    [InlineData(5, 30)]
    [InlineData(9, 28)]
    [InlineData(1, 31)]
    [InlineData(13, 13)]
    public void Nearest_payload_window_matches_the_reference_on_every_edge_coefficient(int b, int split)
    {
        var p = new ZfpeParameters(b, 8, split, ZfpeRounding.Nearest);
        using var sim = Simulation.Create(VerilogEmitter.Emit(new NearestWindowHarness(b, split)), new SimOptions { Name = $"nearest-window-b{b}-s{split}" });
        var top = (NearestWindowHarness)sim.Top!;
        var coefficients = EdgeCoefficients(p).ToList();
        var expected = coefficients.Select(c => (ulong)ZfpeCodec.NearestPayloadWindow(c, p, out var flag) << 1 | (flag ? 1UL : 0UL)).ToList();
        var highTop = coefficients.Count(c => c > int.MaxValue + 1L - (1L << (32 - b)) + (1L << (31 - b)));
        Assert.True(highTop > 0, "the data must reach the high window's top clamp");

        using var bench = new StreamBench(sim, seed: 5) { QuietCycles = 16 };
        var source = bench.Source(sim.Stream(top.Coefficients), StallProfile.Random(64, 6, [0.0, 0.3]), PayloadCodecs.UInt64);
        var sink = bench.Sink(sim.Stream(top.Fields), StallProfile.Random(64, 7, [0.0, 0.3]), PayloadCodecs.UInt64);
        var next = 0;
        bench.Model(source, sink, (ulong _, bool _) => [(expected[next++], null)]);
        source.Send(coefficients.Select(c => (ulong)(uint)c).ToList());
        var result = bench.Run(minCycles: 0, maxCycles: 16L * coefficients.Count + 1000);
        Assert.Equal(coefficients.Count, result.BeatsOut[0]);
    }

    /// <summary>Every int32 within 3 of the window ends, their step multiples and midpoints, 0 and the int32 ends; and 20,000 random ones.</summary>
    private static IEnumerable<int> EdgeCoefficients(ZfpeParameters p)
    {
        int lowShift = p.Split - p.B, highShift = 32 - p.B;
        var (lowMin, lowMax) = ZfpeCodec.WindowRange(false, p);
        var (highMin, highMax) = ZfpeCodec.WindowRange(true, p);
        var centres = new List<long> { 0, lowMin, lowMax, highMin, highMax, int.MaxValue, int.MinValue };
        foreach (var end in new[] { lowMin, lowMax, highMax })
            for (var k = -2; k <= 2; k++)
            {
                var step = 1L << highShift;
                var multiple = (end >> highShift << highShift) + k * step;
                centres.Add(multiple);
                centres.Add((multiple + end) / 2);
                centres.Add(multiple + step / 2);
                centres.Add(end + k * (1L << lowShift) + (lowShift > 0 ? 1L << (lowShift - 1) : 0));
            }
        var random = new Random(17);
        var seen = new HashSet<long>();
        foreach (var centre in centres)
            for (var d = -3; d <= 3; d++)
                if (centre + d is >= int.MinValue and <= int.MaxValue && seen.Add(centre + d))
                    yield return (int)(centre + d);
        for (var i = 0; i < 20_000; i++)
            yield return random.Next(4) == 0 ? (int)(uint)random.NextInt64(1L << 32) : random.Next(-1 << 30, 1 << 30) >> random.Next(8);
    }
}
