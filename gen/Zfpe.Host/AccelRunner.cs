using System.Diagnostics;
using Zfpe.Cores.Accelerator;
using Zfpe.Reference.Accelerator;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Dense;
using Zfpe.Reference.Float;

namespace Zfpe.Host;

/// <summary>Direct access to the accelerator's memory, where there is one (the simulated chip): loads and read-backs skip the serial line.</summary>
public interface IAccelMemoryBackdoor
{
    void Load(long wordAddress, ReadOnlySpan<ushort> words);

    ushort[] Dump(long wordAddress, int count);
}

/// <summary>One layer of a run: its shape, the counters of the board, and how its outputs compare with the reference.</summary>
public sealed record AccelLayerResult(int Outputs, int Inputs, long MultiplyAdds, AccelStatus Status, int WordsCompared, int WordMismatches, long FirstMismatch)
{
    public uint BusyCycles => Status.Counter("busy-cycles");

    /// <summary>Multiply-adds per busy cycle (the array's, padding included).</summary>
    public double MacsPerCycle => BusyCycles == 0 ? 0 : (double)MultiplyAdds / BusyCycles;
}

/// <summary>What a model run on the board gives: the outputs (batch × outputs), the reference's, per layer figures.</summary>
public sealed record AccelRunResult(
    AccelInfo Info, int Batch, float[] Outputs, AcceleratorRun Reference, IReadOnlyList<AccelLayerResult> Layers,
    long WordsWritten, long WordsRead, TimeSpan Elapsed)
{
    /// <summary>Every layer's output regions equal the reference's, word for word.</summary>
    public bool BitExact => Layers.All(l => l.WordMismatches == 0);

    /// <summary>Output values that differ from the reference's decoded outputs (bit patterns).</summary>
    public int OutputMismatches => Outputs.Where((v, i) => BitConverter.SingleToUInt32Bits(v) != BitConverter.SingleToUInt32Bits(Reference.Outputs[i])).Count();
}

/// <summary>
/// Runs a model on an ulx3s-accel board (or its simulation) through an <see cref="AccelSession"/>:
/// encodes the weights and first inputs as the reference does, places every region
/// (<see cref="AcceleratorMemoryMap"/>), writes them, runs the layers one after the other on what the
/// previous one wrote, reads every layer's outputs back and compares them word for word with
/// <see cref="AcceleratorReference"/>, and decodes the last layer's outputs.
/// </summary>
public sealed class AccelRunner(AccelSession session, IAccelMemoryBackdoor? backdoor = null)
{
    /// <summary>Longest a layer may run before the host gives up.</summary>
    public TimeSpan LayerTimeLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Called with (what, done, total) as words move.</summary>
    public Action<string, long, long>? Progress { get; init; }

    /// <summary>The reference configuration of a build, with the host's encoder rounding.</summary>
    public static AcceleratorConfig ReferenceConfig(AccelInfo info, ZfpeRounding hostRounding = ZfpeRounding.Truncate) =>
        new(new ArrayGeometry(info.Pes, info.OutputsPerPe, info.BatchTile), new SimpleFloatFormat(info.M, info.GuardBits),
            new ZfpeParameters(info.B, info.ExponentBits, info.Split, info.Rounding == 0 ? ZfpeRounding.Truncate : ZfpeRounding.Nearest), hostRounding,
            RawWeights: info.WeightStorage == (int)Cores.Accelerator.WeightStorage.Raw);

    /// <summary>Checks the model against the build before anything is sent: it fits the memory, its sizes fit the protocol.</summary>
    public static AcceleratorMemoryMap Plan(AccelInfo info, IReadOnlyList<DenseLayer> layers, int batch, AcceleratorConfig config)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var (layer, n) in layers.Select((l, n) => (l, n + 1)))
            if (layer.Outputs > ushort.MaxValue || layer.Inputs > ushort.MaxValue)
                throw new ArgumentException($"layer {n} is {layer.Outputs} x {layer.Inputs}: the accelerator takes at most 65535 outputs and inputs");
        var layouts = layers.Select(l => new AcceleratorLayout(config.Geometry, config.Codec, l.Outputs, l.Inputs, batch, config.RawWeights)).ToList();
        if (layouts[0].Schedule.BatchTiles > ushort.MaxValue)
            throw new ArgumentException($"a batch of {batch} rows is {layouts[0].Schedule.BatchTiles} batch tiles: the accelerator takes at most 65535");
        return new AcceleratorMemoryMap(layouts, info.MemoryWords);
    }

    public AccelRunResult Run(AccelInfo info, IReadOnlyList<DenseLayer> layers, float[] inputs, int batch, ZfpeRounding hostRounding = ZfpeRounding.Truncate)
    {
        ArgumentNullException.ThrowIfNull(info);
        var clock = Stopwatch.StartNew();
        var config = ReferenceConfig(info, hostRounding);
        var reference = AcceleratorReference.Run(layers, inputs, batch, config);
        var map = Plan(info, layers, batch, config);
        long written = 0, read = 0;

        // Everything the host writes: the first inputs, every layer's weights and biases.
        var loads = new List<(long Address, ushort[] Words)>();
        var first = map.Layers[0];
        for (var bt = 0; bt < reference.Layers[0].InputTiles.Count; bt++)
            loads.Add((first.InputAddress + bt * first.InputWords, AcceleratorMemoryMap.ToWords(reference.Layers[0].InputTiles[bt])));
        for (var n = 0; n < layers.Count; n++)
        {
            var image = reference.Layers[n];
            var place = map.Layers[n];
            for (var ot = 0; ot < image.WeightTiles.Count; ot++)
                loads.Add((place.WeightAddress + ot * place.WeightWords, AcceleratorMemoryMap.ToWords(image.WeightTiles[ot])));
            loads.Add((place.BiasAddress, AcceleratorMemoryMap.ToWords(image.Biases.AsSpan())));
        }
        var total = loads.Sum(l => (long)l.Words.Length);
        foreach (var (address, words) in loads)
        {
            if (backdoor is not null) backdoor.Load(address, words);
            else session.Write(address, words, n => Progress?.Invoke("write", written += n, total));
            if (backdoor is not null) written += words.Length;
        }
        Progress?.Invoke("write", total, total);

        var results = new List<AccelLayerResult>(layers.Count);
        var actualTiles = new List<byte[]>();
        for (var n = 0; n < layers.Count; n++)
        {
            var image = reference.Layers[n];
            var place = map.Layers[n];
            var schedule = image.Layout.Schedule;
            session.Layer(schedule, layers[n].Activation == DenseActivation.Relu, place);
            session.Go();
            var status = session.WaitWhileBusy(LayerTimeLimit);
            Progress?.Invoke($"layer {n + 1}", n + 1, layers.Count);

            // Read back and compare the layer's output regions.
            int compared = 0, mismatches = 0;
            long firstMismatch = -1;
            for (var bt = 0; bt < image.OutputTiles.Count; bt++)
            {
                var expected = AcceleratorMemoryMap.ToWords(image.OutputTiles[bt]);
                var actual = backdoor is not null
                    ? backdoor.Dump(place.OutputAddress + bt * place.OutputWords, expected.Length)
                    : session.Read(place.OutputAddress + bt * place.OutputWords, expected.Length);
                read += expected.Length;
                for (var i = 0; i < expected.Length; i++)
                {
                    if (expected[i] == actual[i]) continue;
                    if (firstMismatch < 0) firstMismatch = compared + i;
                    mismatches++;
                }
                compared += expected.Length;
                if (n == layers.Count - 1) actualTiles.Add(AcceleratorMemoryMap.ToBytes(actual, image.OutputTiles[bt].Length));
            }
            results.Add(new AccelLayerResult(schedule.Outputs, schedule.Inputs, schedule.MultiplyAdds, status, compared, mismatches, firstMismatch));
        }

        // The outputs as the board wrote them, decoded with the reference decoder.
        var last = reference.Layers[^1].Layout;
        var decoded = new float[(long)last.Schedule.PaddedBatch * last.Schedule.Outputs];
        for (var bt = 0; bt < actualTiles.Count; bt++)
            last.ScatterRowTile(ZfpeCodec.Decompress(actualTiles[bt], last.OutputValuesPerTile, config.Codec), last.Schedule.Outputs, bt, decoded);
        var outputs = decoded.AsSpan(0, batch * last.Schedule.Outputs).ToArray();
        return new AccelRunResult(info, batch, outputs, reference, results, written, read, clock.Elapsed);
    }
}
