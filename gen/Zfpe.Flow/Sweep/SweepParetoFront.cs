namespace Zfpe.Flow.Sweep;

/// <summary>
/// The Pareto front of a sweep over the objectives it measured (quality ↑, area ↓, throughput ↑,
/// or area ↓ and Fmax ↑ for designs without a throughput): the points no other point beats on
/// every objective at once. <see cref="Objectives"/> is empty, with a <see cref="Note"/>, when the
/// sweep measured fewer than two objectives.
/// </summary>
public sealed record SweepParetoFront(
    IReadOnlyList<SweepObjective> Objectives,
    IReadOnlyList<SweepPointResult> Candidates,
    IReadOnlyList<SweepPointResult> Front,
    string? Note)
{
    public bool IsOnFront(SweepPointResult p) => Front.Contains(p);

    /// <summary>The front over the points of <paramref name="result"/> that synthesised without error.</summary>
    public static SweepParetoFront Of(SweepResult result)
    {
        var candidates = result.Points.Where(p => !p.Failed && p.Synthesis is not null).ToList();
        var objectives = new List<SweepObjective>();
        string? note = null;
        if (candidates.Any(p => p.PrimaryQuality is not null))
            objectives.Add(new SweepObjective("quality", "PSNR (dB)", Maximise: true, p => p.PrimaryQuality?.PsnrDb));
        objectives.Add(new SweepObjective("area", "LUT4", Maximise: false, p => p.Synthesis?.Lut4));
        var withFmax = candidates.Count > 0 && candidates.All(p => p.FmaxMedian is not null);
        if (candidates.Any(p => p.ValuesPerCycle is not null))
        {
            if (withFmax)
                objectives.Add(new SweepObjective("throughput", "Mvalues/s (median Fmax)", Maximise: true, p => p.ValuesPerSecond / 1e6));
            else
            {
                objectives.Add(new SweepObjective("throughput", "values/cycle (Fmax unknown)", Maximise: true, p => p.ValuesPerCycle));
                note = "Fmax is not known for every point, so throughput is counted in values per clock cycle: the front ignores that wider pipelines may clock slower (compare the logic depth column).";
            }
        }
        else if (withFmax)
        {
            objectives.Add(new SweepObjective("speed", "Fmax (MHz, median)", Maximise: true, p => p.FmaxMedian));
        }

        if (objectives.Count < 2)
            return new SweepParetoFront([], candidates, [],
                "Only the area was measured for this design (no quality, no throughput, no Fmax): there is no trade-off to draw a front for.");
        // A point without a value for some objective cannot be compared on it: leave it out.
        var comparable = candidates.Where(p => objectives.All(o => o.Value(p) is not null)).ToList();
        var front = comparable.Where(p => !comparable.Any(q => Dominates(q, p, objectives))).ToList();
        return new SweepParetoFront(objectives, comparable, front, note);
    }

    /// <summary>True when <paramref name="a"/> is at least as good as <paramref name="b"/> on every objective and better on one.</summary>
    public static bool Dominates(SweepPointResult a, SweepPointResult b, IReadOnlyList<SweepObjective> objectives)
    {
        var better = false;
        foreach (var o in objectives)
        {
            var x = o.Oriented(a);
            var y = o.Oriented(b);
            if (x < y) return false;
            if (x > y) better = true;
        }
        return better;
    }
}
