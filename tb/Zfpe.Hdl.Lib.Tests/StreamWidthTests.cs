namespace Zfpe.Hdl.Lib.Tests;

/// <summary>The width adapters: N narrow beats to one wide beat and back, fragments (last) included.</summary>
public class StreamWidthTests
{
    /// <summary>The wide beat's bits: items side by side (first lowest), then the count when the stream has last.</summary>
    private static ulong Pack(IReadOnlyList<ulong> items, int width, int ratio, bool withLast)
    {
        ulong bits = 0;
        for (var i = 0; i < items.Count; i++) bits |= items[i] << (i * width);
        return withLast ? bits | ((ulong)items.Count << (ratio * width)) : bits;
    }

    /// <summary>Item width, items per wide beat, and whether the stream has last: both adapters run the same cases.</summary>
    public static TheoryData<int, int, bool> AdapterCases => new()
    {
        { 8, 4, true },
        { 8, 4, false },
        { 5, 3, true },
    };

    [Theory]
    [MemberData(nameof(AdapterCases))]
    public void Widen_packs_narrow_beats_and_closes_a_partial_beat_at_last(int width, int ratio, bool withLast)
    {
        var widen = new StreamWiden<UInt>(Shape.UInt(width), ratio, withLast);
        using var sim = LintCleanSimulation.Create(widen);
        var bench = new StreamBench(sim, seed: width + ratio);
        var input = bench.Source<ulong>(sim.Stream(widen.Input), StallProfile.Stepping(1200));
        var output = bench.Sink<ulong>(sim.Stream(widen.Output));
        input.Packets = r => Enumerable.Range(0, r.Next(1, 3 * ratio)).Select(_ => (ulong)r.Next(1 << width)).ToList();
        var collected = new List<ulong>();
        bench.Model(input, output, (v, last) =>
        {
            collected.Add(v);
            if (collected.Count < ratio && !last) return [];
            var wide = Pack(collected, width, ratio, withLast);
            collected.Clear();
            return [(wide, withLast ? last : null)];
        });
        Cosim.AssertLongEnough(bench.Run(Cosim.MinimumCycles));
    }

    [Theory]
    [MemberData(nameof(AdapterCases))]
    public void Narrow_unpacks_count_items_and_puts_last_on_the_final_one(int width, int ratio, bool withLast)
    {
        var narrow = new StreamNarrow<UInt>(Shape.UInt(width), ratio, withLast);
        using var sim = LintCleanSimulation.Create(narrow);
        var bench = new StreamBench(sim, seed: width * ratio);
        var input = bench.Source<ulong>(sim.Stream(narrow.Input), StallProfile.Stepping(1200));
        var output = bench.Sink<ulong>(sim.Stream(narrow.Output), StallProfile.Random(1700, 3));
        var countBits = WideBeat<UInt>.CountBits(ratio);
        input.Packets = r =>
        {
            // One fragment of wide beats; only the final one may be partial. Count 0 (or above N) means N.
            var beats = r.Next(1, 4);
            return Enumerable.Range(0, beats).Select(b =>
            {
                var items = (ulong)r.NextInt64(1L << (width * ratio));
                if (!withLast) return items;
                var count = b == beats - 1 ? r.Next(0, 1 << countBits) : (r.Next(2) == 0 ? 0 : ratio);
                return items | ((ulong)(uint)count << (width * ratio));
            }).ToList();
        };
        bench.Model(input, output, (v, last) =>
        {
            var count = withLast ? (int)(v >> (width * ratio)) : ratio;
            if (count == 0 || count > ratio) count = ratio;
            var mask = (1UL << width) - 1;
            return Enumerable.Range(0, count).Select(i => ((v >> (i * width)) & mask, withLast ? last && i == count - 1 : (bool?)null)).ToList();
        });
        Cosim.AssertLongEnough(bench.Run(Cosim.MinimumCycles));
    }
}
