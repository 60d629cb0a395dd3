namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// Counts which cases of nearest rounding (docs/zfpe-format.md §3.1) the lifted coefficients of a
/// run exercised, from the reference's traces, so that a test can show its data reach each of
/// them: both windows chosen, a candidate rounded up to the next multiple, a window other than
/// truncate's, the low window's range passed (its end kept, at the top or the bottom), and ties
/// (a coefficient halfway between two multiples, or equally far from both windows' candidates).
/// </summary>
public sealed class NearestCases(ZfpeParameters parameters)
{
    private readonly Dictionary<string, long> _counts = Names.ToDictionary(n => n, _ => 0L);

    public const string LowWindow = "low window chosen";
    public const string HighWindow = "high window chosen";
    public const string RoundedUp = "rounded up to the next multiple";
    public const string OtherWindow = "a window other than truncate's";
    public const string LowTopClamped = "above the low window's range, its top kept";
    public const string LowBottomClamped = "below the low window's range, its bottom kept";
    public const string HalfwayTie = "halfway between two multiples";
    public const string WindowTie = "equally far from both windows' candidates";

    public static IReadOnlyList<string> Names { get; } =
        [LowWindow, HighWindow, RoundedUp, OtherWindow, LowTopClamped, LowBottomClamped, HalfwayTie, WindowTie];

    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Counts the cases of every coefficient of <paramref name="trace"/>'s block (the zero block has none).</summary>
    public void Add(ZfpeBlockTrace trace)
    {
        if (trace.E == 0) return;
        for (var k = 0; k < ZfpeCodec.BlockSize; k++) Add(trace.Lifted[k], trace.Flags[k], trace.Payloads[k]);
    }

    private void Add(long c, bool flag, uint payload)
    {
        int lowShift = parameters.Split - parameters.B, highShift = 32 - parameters.B;
        var chosen = (long)BlockTransform.InverseNegabinary(ZfpeCodec.InversePayloadWindow(flag, payload, parameters));
        var (lowMin, lowMax) = ZfpeCodec.WindowRange(false, parameters);
        var shift = flag ? highShift : lowShift;
        var floor = c >> shift << shift;
        ZfpeCodec.PayloadWindow(BlockTransform.Negabinary((int)c), parameters, out var truncateFlag);

        Count(flag ? HighWindow : LowWindow);
        Count(RoundedUp, chosen > floor && chosen > c);
        Count(OtherWindow, flag != truncateFlag);
        Count(LowTopClamped, !flag && c > lowMax);
        Count(LowBottomClamped, !flag && c < lowMin);
        Count(HalfwayTie, IsHalfway(c, lowShift) || IsHalfway(c, highShift));
        var lowCandidate = Candidate(c, lowShift, lowMin, lowMax);
        var (highMin, highMax) = ZfpeCodec.WindowRange(true, parameters);
        var highCandidate = Candidate(c, highShift, highMin, highMax);
        Count(WindowTie, Math.Abs(c - lowCandidate) == Math.Abs(c - highCandidate) && lowCandidate != highCandidate);
    }

    private static bool IsHalfway(long c, int shift) => shift > 0 && (c & ((1L << shift) - 1)) == 1L << (shift - 1);

    /// <summary>A window's closest value to c: the nearer of the multiples around it (either on a tie: only the distance is used), clamped.</summary>
    private static long Candidate(long c, int shift, long min, long max)
    {
        var floor = c >> shift << shift;
        var nearest = 2 * (c - floor) <= 1L << shift ? floor : floor + (1L << shift);
        return Math.Clamp(nearest, min, max);
    }

    private void Count(string name, bool happened = true)
    {
        if (happened) _counts[name]++;
    }

    /// <summary>Fails naming every case seen fewer than <paramref name="atLeast"/> times.</summary>
    public void AssertEachAtLeast(long atLeast, string what)
    {
        var missing = _counts.Where(kv => kv.Value < atLeast).Select(kv => $"{kv.Key}: {kv.Value}").ToList();
        Assert.True(missing.Count == 0,
            $"{what}: the data exercised these nearest-rounding cases fewer than {atLeast} times: {string.Join("; ", missing)} " +
            $"(all: {string.Join("; ", _counts.Select(kv => $"{kv.Key} {kv.Value}"))})");
    }

    public override string ToString() => string.Join("; ", _counts.Select(kv => $"{kv.Key} {kv.Value}"));
}
