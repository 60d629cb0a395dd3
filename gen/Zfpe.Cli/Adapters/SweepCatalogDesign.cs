using Zfpe.Reference.Datasets;
using System.Collections.Concurrent;
using System.Globalization;
using Zfpe.Cores.Designs;
using Zfpe.Flow.Sweep;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Evaluation;

namespace Zfpe.Cli.Adapters;

/// <summary>
/// Wires a catalog design into the Flow's sweep engine: parameters and emission from
/// <see cref="DesignCatalog"/>, and for codec designs (recognised by a `b` parameter) the
/// quality of the reference model (<see cref="ZfpeCodec"/>) on <see cref="ReferenceDatasets"/>
/// and `lanes` values per cycle (1 when the design has no `lanes`); the PE array and the accelerator
/// measure their multiply-adds per cycle in co-simulation instead. It lives in the CLI because
/// the sweep (Flow) may know neither the designs (Cores) nor ZFPe (Reference): only the CLI ties them.
/// </summary>
public static class SweepCatalogDesign
{
    /// <summary>Codec designs are those with a payload-bits parameter.</summary>
    public static bool IsCodec(DesignInfo info) => info.Parameters.Any(p => p.Name == PayloadBitsParameter);

    public const string PayloadBitsParameter = "b";
    public const string LanesParameter = "lanes";
    public const string RoundingParameter = "rounding";

    /// <summary>The PE array measures its multiply-adds per cycle in co-simulation (<see cref="PeArrayRun"/>).</summary>
    public const string PeArrayDesign = "pe-array";

    /// <summary>The accelerator measures its multiply-adds per cycle on the core in co-simulation (<see cref="AccelCoreRun"/>).</summary>
    public const string AcceleratorCoreDesign = "accel-core", AcceleratorBoardDesign = "ulx3s-accel";

    /// <summary>The layer the accelerator designs are measured on: large enough that filling and draining the array are a small share.</summary>
    public const int AcceleratorOutputs = 512, AcceleratorInputs = 512, AcceleratorBatch = 32;

    public static SweepDesign Create(string name, bool digits)
    {
        var info = DesignCatalog.Get(name);
        var design = new SweepDesign
        {
            Name = info.Name,
            ParameterNames = info.Parameters.Select(p => p.Name).ToList(),
            Resolve = given => info.Resolve(given).All.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal),
            Emit = resolved => info.Emit(resolved),
        };
        if (info.Name == PeArrayDesign)
            return design with
            {
                Measure = resolved =>
                {
                    var run = PeArrayRun.Measure((Zfpe.Cores.Processing.PeArray)info.Build(resolved), PeArrayRun.DefaultOutputs, PeArrayRun.DefaultInputs, PeArrayRun.DefaultBatch, seed: 1);
                    if (run.Mismatches.Count > 0)
                        throw new InvalidOperationException($"pe-array ({string.Join(", ", resolved.Select(kv => $"{kv.Key}={kv.Value}"))}): {run.Mismatches.Count} results differ from the dense-layer reference");
                    var pes = run.Schedule.Geometry.Pes;
                    var how = $"co-simulation of a {PeArrayRun.DefaultOutputs} x {PeArrayRun.DefaultInputs} layer, batch {PeArrayRun.DefaultBatch}, streams never starved, every result bit-exact with the dense-layer reference (`zfpe bench pe-array`)";
                    return
                    [
                        new SweepMeasurement("macs_per_cycle", Math.Round(run.MacsPerCycle, 3), $"multiply-adds per cycle, padding included: {how}", PerSecond: "mmacs_per_second"),
                        new SweepMeasurement("macs_per_cycle_per_pe", Math.Round(run.MacsPerCycle / pes, 3), "the same divided by pes (1.0: every PE busy every cycle)"),
                    ];
                },
            };
        if (info.Name is AcceleratorCoreDesign or AcceleratorBoardDesign)
            return design with { Measure = resolved => MeasureAccelerator(info, resolved) };
        if (!IsCodec(info)) return design;

        List<(string Name, float[] Values)> datasets = [("nn", ReferenceDatasets.NeuralNetworkTensors())];
        List<string> descriptions = [ReferenceDatasets.NnDescription];
        if (digits)
        {
            datasets.Add(("digits", ReferenceDatasets.Digits()));
            descriptions.Add(ReferenceDatasets.DigitsDescription);
        }
        // Quality depends only on the codec parameters: measure each combination once, whatever the lanes.
        var measured = new ConcurrentDictionary<ZfpeParameters, Lazy<IReadOnlyList<SweepQuality>>>();
        var hasLanes = info.Parameters.Any(p => p.Name == LanesParameter);
        return design with
        {
            Quality = resolved =>
            {
                var p = CodecParameters(resolved);
                return measured.GetOrAdd(p, key => new Lazy<IReadOnlyList<SweepQuality>>(() => Measure(key, datasets))).Value;
            },
            ValuesPerCycle = resolved => hasLanes ? int.Parse(resolved[LanesParameter], CultureInfo.InvariantCulture) : 1,
            QualityDatasets = descriptions,
        };
    }

    /// <summary>
    /// The accelerator core of a point (the board design's core for ulx3s-accel) runs one dense layer with
    /// bias and ReLU from the SDRAM chip model; its counters give the multiply-adds per busy cycle, and
    /// every output word must match the accelerator reference.
    /// </summary>
    public static IReadOnlyList<SweepMeasurement> MeasureAccelerator(DesignInfo info, IReadOnlyDictionary<string, string> resolved,
        int o = AcceleratorOutputs, int i = AcceleratorInputs, int n = AcceleratorBatch)
    {
        ArgumentNullException.ThrowIfNull(info);
        var config = info.Resolve(resolved).Config switch
        {
            Zfpe.Cores.Accelerator.AcceleratorCoreConfig core => core,
            Zfpe.Cores.Accelerator.Ulx3sAccelConfig board => board.Core,
            var other => throw new InvalidOperationException($"{info.Name}: no accelerator configuration in {other.GetType().Name}"),
        };
        var layer = new Zfpe.Reference.Dense.DenseLayer(o, i, ReferenceDatasets.WeightLike(o * i, 1), ReferenceDatasets.WeightLike(o, 2), Zfpe.Reference.Dense.DenseActivation.Relu);
        var run = AccelCoreRun.Run(config, [layer], ReferenceDatasets.WeightLike(n * i, 3), n, string.Create(CultureInfo.InvariantCulture, $"sweep-p{config.Pes}-b{config.B}"))[0];
        if (run.FirstMismatch is not null)
            throw new InvalidOperationException($"{info.Name} ({string.Join(", ", resolved.Select(kv => $"{kv.Key}={kv.Value}"))}): the output differs from the accelerator reference: {run.FirstMismatch}");
        var how = $"the core in co-simulation with the SDRAM chip model, a {o} x {i} layer with bias and ReLU, batch {n}, every output word bit-exact with the accelerator reference, from the core's counters (`zfpe bench accel`)";
        return
        [
            new SweepMeasurement("macs_per_cycle", Math.Round(run.MacsPerCycle, 3), $"multiply-adds per busy cycle, padding included: {how}", PerSecond: "mmacs_per_second"),
            new SweepMeasurement("pe_utilisation", Math.Round(run.Utilisation, 3), "the same divided by pes (1.0: every PE busy every cycle)"),
        ];
    }

    /// <summary>The codec parameters of a design point: b, exponent-bits, split and rounding, with the format's defaults for those a design does not have.</summary>
    public static ZfpeParameters CodecParameters(IReadOnlyDictionary<string, string> resolved)
    {
        var defaults = new ZfpeParameters();
        int Get(string name, int fallback) => resolved.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var rounding = resolved.TryGetValue(RoundingParameter, out var r) ? ZfpeParameters.ParseRounding(r) : defaults.Rounding;
        var p = new ZfpeParameters(Get(PayloadBitsParameter, defaults.B), Get("exponent-bits", defaults.ExponentBits), Get("split", defaults.Split), rounding);
        p.Validate();
        return p;
    }

    /// <summary>Each dataset's quality (<see cref="ZfpeRoundTrip"/>) as the sweep reports it.</summary>
    public static IReadOnlyList<SweepQuality> Measure(ZfpeParameters p, IReadOnlyList<(string Name, float[] Values)> datasets)
    {
        var result = new List<SweepQuality>();
        foreach (var (name, values) in datasets)
        {
            var m = ZfpeRoundTrip.Measure(values, p);
            result.Add(new SweepQuality(name, m.BitsPerValue, m.Psnr, m.Rmse, m.MaxAbsoluteError));
        }
        return result;
    }
}
