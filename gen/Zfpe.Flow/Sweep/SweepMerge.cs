using System.Globalization;

namespace Zfpe.Flow.Sweep;

/// <summary>
/// `zfpe sweep merge DIR...`: combines the sweep.json of several sweeps (typically the exported
/// one-point jobs) into one result. They must be of the same design, device and clock target;
/// a point found in several inputs is taken from the last one given (with a note).
/// </summary>
public static class SweepMerge
{
    /// <summary>
    /// The sweep.json files under the given directories: DIR/sweep.json, or else DIR/*/sweep.json
    /// (so `merge out/sweep/x/jobs` works as well as `merge out/sweep/x/jobs/*`).
    /// </summary>
    public static IReadOnlyList<string> FindResults(IEnumerable<string> directories)
    {
        var found = new List<string>();
        foreach (var d in directories)
        {
            if (!Directory.Exists(d))
                throw new DirectoryNotFoundException($"'{d}' is not a directory; pass the --out directories of `zfpe sweep` runs or jobs");
            var direct = Path.Combine(d, SweepResult.FileName);
            if (File.Exists(direct))
            {
                found.Add(Path.GetFullPath(direct));
                continue;
            }
            var nested = Directory.GetDirectories(d).Order(StringComparer.Ordinal)
                .Select(s => Path.Combine(s, SweepResult.FileName)).Where(File.Exists).Select(Path.GetFullPath).ToList();
            if (nested.Count == 0)
                throw new InvalidDataException($"'{d}' has no {SweepResult.FileName} (nor do its subdirectories): it is not the output of a `zfpe sweep` run or job (did the job finish?)");
            found.AddRange(nested);
        }
        return found.Distinct().ToList();
    }

    public static SweepResult Merge(IReadOnlyList<(string Source, SweepResult Result)> inputs)
    {
        if (inputs.Count == 0) throw new ArgumentException("nothing to merge: give at least one sweep output directory");
        var first = inputs[0];
        foreach (var (source, r) in inputs.Skip(1))
        {
            if (r.Design != first.Result.Design)
                throw new InvalidDataException($"cannot merge sweeps of different designs: {first.Source} is of '{first.Result.Design}', {source} of '{r.Design}'");
            if (r.Device != first.Result.Device)
                throw new InvalidDataException($"cannot merge sweeps for different devices: {first.Source} is for the {first.Result.Device}, {source} for the {r.Device}");
            if (Math.Abs(r.TargetMhz - first.Result.TargetMhz) > 1e-9)
                throw new InvalidDataException(string.Format(CultureInfo.InvariantCulture,
                    "cannot merge sweeps with different clock targets: {0} targets {1} MHz, {2} {3} MHz (Fmax depends on the target; re-run with one --freq)",
                    first.Source, first.Result.TargetMhz, source, r.TargetMhz));
        }

        var notes = new List<string>();
        var byParameters = new Dictionary<string, (SweepPointResult Point, string Source)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (source, r) in inputs)
        {
            foreach (var p in r.Points)
            {
                var key = string.Join("\n", p.Parameters.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
                if (byParameters.TryGetValue(key, out var earlier))
                    notes.Add($"point {p.Id} is in both {earlier.Source} and {source}; the one from {source} is used");
                else
                    order.Add(key);
                byParameters[key] = (p, source);
            }
            notes.AddRange(r.Notes);
        }

        var axes = MergeAxes(inputs.SelectMany(i => i.Result.Axes));
        var points = order.Select(k => byParameters[k].Point).ToList();
        // Product order (first axis slowest), as a single sweep over the merged axes lists them.
        var rank = axes.Select(a => a.Values.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i, StringComparer.Ordinal)).ToList();
        points = points.OrderBy(p => string.Join(",", axes.Select((a, i) =>
            rank[i].TryGetValue(p.Parameters.GetValueOrDefault(a.Parameter) ?? p.Swept.GetValueOrDefault(a.Parameter, ""), out var n) ? n.ToString("D6", CultureInfo.InvariantCulture) : "999999")),
            StringComparer.Ordinal).ToList();

        var commits = inputs.Select(i => i.Result.Git).Where(g => g is not null).Select(g => g!).DistinctBy(g => g.Commit).ToList();
        if (commits.Count > 1)
            notes.Add("the merged results come from different commits: " + string.Join(", ", commits.Select(c => c.Commit[..Math.Min(12, c.Commit.Length)])));
        var steps = inputs.Any(i => i.Result.Steps.Contains("pnr")) ? "synth,pnr" : "synth";
        notes.Insert(0, $"Merged from {inputs.Count} sweep result(s) by `zfpe sweep merge`.");
        return new SweepResult(
            SweepResult.CurrentFormat,
            first.Result.Design,
            first.Result.Device,
            first.Result.PartNumber,
            first.Result.TargetMhz,
            steps,
            inputs.Max(i => i.Result.Seeds),
            axes,
            inputs.SelectMany(i => i.Result.ParameterNames).Distinct().ToList(),
            inputs.SelectMany(i => i.Result.QualityDatasets).Distinct().ToList(),
            notes.Distinct().ToList(),
            commits.Count == 1 ? commits[0] with { Dirty = inputs.Any(i => i.Result.Git?.Dirty ?? false) } : null,
            points,
            SweepRunStatistics.Of(points, inputs.Max(i => i.Result.Run?.WallSeconds ?? 0)),
            DateTimeOffset.UtcNow);
    }

    /// <summary>One axis per parameter, its values united; numeric values sorted by value.</summary>
    private static IReadOnlyList<SweepAxis> MergeAxes(IEnumerable<SweepAxis> axes)
    {
        var merged = new List<(string Parameter, List<string> Values)>();
        foreach (var a in axes)
        {
            var existing = merged.FirstOrDefault(m => m.Parameter == a.Parameter);
            if (existing.Values is null)
            {
                existing = (a.Parameter, []);
                merged.Add(existing);
            }
            foreach (var v in a.Values.Where(v => !existing.Values.Contains(v))) existing.Values.Add(v);
        }
        return merged.Select(m => new SweepAxis(m.Parameter,
            m.Values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                ? m.Values.OrderBy(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList()
                : m.Values)).ToList();
    }
}
