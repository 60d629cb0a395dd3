namespace Zfpe.Reference.Accelerator;

/// <summary>Where one layer's regions lie in the accelerator's memory, in 16-bit words (what the host sets up for a run).</summary>
public sealed record LayerPlacement(
    long WeightAddress, long WeightWords,
    long BiasAddress, long BiasWords,
    long InputAddress, long InputWords,
    long OutputAddress, long OutputWords);

/// <summary>
/// Places a model's regions in the accelerator's memory (16-bit words from address 0): the first
/// layer's input regions (one per batch tile), then per layer its weight regions (one per output tile),
/// its bias region and its output regions (one per batch tile), which are the next layer's inputs.
/// Every region starts at a word; its length is its stream's bytes rounded up to words
/// (<see cref="Words"/>), and regions of a kind follow one another at that stride.
/// </summary>
public sealed class AcceleratorMemoryMap
{
    public AcceleratorMemoryMap(IReadOnlyList<AcceleratorLayout> layers, long capacityWords)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("the model has no layers: give at least one", nameof(layers));
        CapacityWords = capacityWords;
        var first = layers[0];
        var inputWords = Words(first.InputBytesPerTile);
        long next = 0;
        var inputAddress = Take(ref next, inputWords * first.Schedule.BatchTiles, "the first layer's inputs");
        var placements = new List<LayerPlacement>(layers.Count);
        for (var n = 0; n < layers.Count; n++)
        {
            var layout = layers[n];
            var weightWords = Words(layout.WeightBytesPerTile);
            var weightAddress = Take(ref next, weightWords * layout.Schedule.OutputTiles, $"layer {n + 1}'s weights");
            var biasWords = Words(layout.BiasBytes);
            var biasAddress = Take(ref next, biasWords, $"layer {n + 1}'s biases");
            var outputWords = Words(layout.OutputBytesPerTile);
            var outputAddress = Take(ref next, outputWords * layout.Schedule.BatchTiles, $"layer {n + 1}'s outputs");
            placements.Add(new LayerPlacement(weightAddress, weightWords, biasAddress, biasWords, inputAddress, inputWords, outputAddress, outputWords));
            inputAddress = outputAddress;
            inputWords = outputWords;
        }
        Layers = placements;
        UsedWords = next;
    }

    public IReadOnlyList<LayerPlacement> Layers { get; }

    public long CapacityWords { get; }

    /// <summary>Words from address 0 the model takes.</summary>
    public long UsedWords { get; }

    /// <summary>Memory words that hold <paramref name="bytes"/> bytes (the last one's high byte 0 when odd).</summary>
    public static long Words(long bytes) => (bytes + 1) / 2;

    /// <summary>A stream's bytes as memory words, little-endian: byte 2k in the low half of word k.</summary>
    public static ushort[] ToWords(ReadOnlySpan<byte> bytes)
    {
        var words = new ushort[Words(bytes.Length)];
        for (var i = 0; i < bytes.Length; i++) words[i / 2] |= (ushort)(bytes[i] << (8 * (i % 2)));
        return words;
    }

    /// <summary>Float32 values as memory words, low half first.</summary>
    public static ushort[] ToWords(ReadOnlySpan<float> values)
    {
        var words = new ushort[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            var bits = BitConverter.SingleToUInt32Bits(values[i]);
            words[2 * i] = (ushort)bits;
            words[2 * i + 1] = (ushort)(bits >> 16);
        }
        return words;
    }

    /// <summary>The first <paramref name="bytes"/> bytes held by <paramref name="words"/>.</summary>
    public static byte[] ToBytes(ReadOnlySpan<ushort> words, long bytes)
    {
        if (bytes > 2L * words.Length) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"{words.Length} words hold {2L * words.Length} bytes, not {bytes}");
        var result = new byte[bytes];
        for (var i = 0; i < bytes; i++) result[i] = (byte)(words[i / 2] >> (8 * (i % 2)));
        return result;
    }

    private long Take(ref long next, long words, string what)
    {
        var start = next;
        next += words;
        if (next > CapacityWords)
            throw new ArgumentException($"{what} do not fit the memory: they would end at word {next:N0}, and the memory has {CapacityWords:N0} words ({CapacityWords * 2 / (1024 * 1024)} MB); use a smaller batch or model");
        return start;
    }
}
