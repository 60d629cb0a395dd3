using System.Globalization;

namespace Zfpe.Cores.Tests.Support;

/// <summary>The codec cores' beats as typed payloads of the shared stream bench (layout: <see cref="ZfpeBeats"/>).</summary>
public static class CodecPayloads
{
    /// <summary>A blocks beat: <see cref="ZfpeCoreConfig.BlockLanes"/> blocks of <see cref="ZfpeCoreConfig.BlockBits"/> bits.</summary>
    public static PayloadCodec<UInt128[]> Blocks(ZfpeCoreConfig config) => new BlockBeat(config);

    /// <summary>A values beat: <see cref="ZfpeCoreConfig.Lanes"/> float32 bit patterns, shown with their values.</summary>
    public static PayloadCodec<uint[]> Values { get; } = new ValueBeat();

    private sealed class BlockBeat(ZfpeCoreConfig config) : PayloadCodec<UInt128[]>
    {
        public override void Encode(UInt128[] value, SimPort port, Span<uint> words)
        {
            if (value.Length != config.BlockLanes) throw new ArgumentException($"a blocks beat carries {config.BlockLanes} blocks, not {value.Length}", nameof(value));
            words.Clear();
            for (var g = 0; g < value.Length; g++) ZfpeBeats.Insert(words, g * config.BlockBits, config.BlockBits, value[g]);
        }

        public override UInt128[] Decode(ReadOnlySpan<uint> words, SimPort port)
        {
            var blocks = new UInt128[config.BlockLanes];
            for (var g = 0; g < blocks.Length; g++) blocks[g] = ZfpeBeats.Block(config, words, g);
            return blocks;
        }

        public override string Format(UInt128[] value) => "[" + string.Join(", ", value.Select(b => $"0x{b:X}")) + "]";

        public override bool AreEqual(UInt128[] expected, UInt128[] actual) => expected.AsSpan().SequenceEqual(actual);
    }

    private sealed class ValueBeat : PayloadCodec<uint[]>
    {
        public override void Encode(uint[] value, SimPort port, Span<uint> words) => PayloadCodecs.Words.Encode(value, port, words);

        public override uint[] Decode(ReadOnlySpan<uint> words, SimPort port) => words.ToArray();

        public override string Format(uint[] value) =>
            "[" + string.Join(", ", value.Select(v => string.Create(CultureInfo.InvariantCulture, $"0x{v:X8} ({BitConverter.UInt32BitsToSingle(v):R})"))) + "]";

        public override bool AreEqual(uint[] expected, uint[] actual) => expected.AsSpan().SequenceEqual(actual);
    }
}
