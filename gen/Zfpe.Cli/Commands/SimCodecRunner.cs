using Zfpe.Cores.Codec;
using Zfpe.Sim;

namespace Zfpe.Cli.Commands;

/// <summary>
/// Runs the Verilated codec cores on whole streams for <c>zfpe sim</c>: feeds the input stream
/// with seeded random idle cycles, applies random backpressure to the output, and collects what
/// comes out. The raw block stream is the blocks' bits concatenated, least-significant bit first,
/// zero-padded to a whole byte (docs/zfpe-format.md §3 step 7).
/// </summary>
public static class SimCodecRunner
{
    /// <summary>What a run produced, and how long it took.</summary>
    public sealed record Result<T>(T[] Output, long Cycles, bool NonFinite);

    /// <summary>Compresses <paramref name="values"/> (float32 bits) into ceil(n / 4) blocks.</summary>
    public static Result<UInt128> Compress(Simulation sim, ZfpeCoreConfig config, uint[] values, double stall, int seed)
    {
        var lanes = config.Lanes;
        var beats = (values.Length + lanes - 1) / lanes;
        var blocks = (values.Length + 3) / 4;
        var input = new uint[beats * lanes];
        values.CopyTo(input, 0);
        var output = new UInt128[config.BlockLanes * ((blocks + config.BlockLanes - 1) / config.BlockLanes)];
        var outWords = new uint[sim.Port("blocks_payload").Words];
        var collected = 0;
        sim.Poke("clear_status", 0UL);
        var cycles = Run(sim, "values", "blocks", beats, lanes, stall, seed,
            (beat, words) => Array.Copy(input, beat * lanes, words, 0, lanes),
            words =>
            {
                for (var g = 0; g < config.BlockLanes; g++) output[collected++] = Extract(words, g * config.BlockBits, config.BlockBits);
            },
            () => collected == output.Length, outWords);
        return new Result<UInt128>(output[..blocks], cycles, sim.PeekBool("non_finite"));
    }

    /// <summary>Decompresses <paramref name="blocks"/> into 4 values each (float32 bits).</summary>
    public static Result<uint> Decompress(Simulation sim, ZfpeCoreConfig config, UInt128[] blocks, double stall, int seed)
    {
        var groups = config.BlockLanes;
        var beats = (blocks.Length + groups - 1) / groups;
        var padded = new UInt128[beats * groups];
        blocks.CopyTo(padded, 0);
        var output = new uint[padded.Length * 4];
        var collected = 0;
        var cycles = Run(sim, "blocks", "values", beats, config.Lanes, stall, seed,
            (beat, words) =>
            {
                Array.Clear(words);
                for (var g = 0; g < groups; g++) Insert(words, g * config.BlockBits, config.BlockBits, padded[beat * groups + g]);
            },
            words =>
            {
                for (var l = 0; l < config.Lanes; l++) output[collected++] = words[l];
            },
            () => collected == output.Length, new uint[config.Lanes]);
        return new Result<uint>(output[..(blocks.Length * 4)], cycles, false);
    }

    /// <summary>Packs blocks of <paramref name="blockBits"/> bits into the raw stream.</summary>
    public static byte[] Pack(IReadOnlyList<UInt128> blocks, int blockBits)
    {
        var bytes = new byte[((long)blocks.Count * blockBits + 7) / 8];
        long bit = 0;
        foreach (var block in blocks)
            for (var i = 0; i < blockBits; i++, bit++)
                if (((block >> i) & 1) != 0) bytes[bit / 8] |= (byte)(1 << (int)(bit % 8));
        return bytes;
    }

    /// <summary>Splits a raw stream into <paramref name="count"/> blocks of <paramref name="blockBits"/> bits.</summary>
    public static UInt128[] Unpack(ReadOnlySpan<byte> stream, int count, int blockBits)
    {
        var blocks = new UInt128[count];
        long bit = 0;
        for (var j = 0; j < count; j++)
            for (var i = 0; i < blockBits; i++, bit++)
                if ((stream[(int)(bit / 8)] >> (int)(bit % 8) & 1) != 0) blocks[j] |= UInt128.One << i;
        return blocks;
    }

    private static long Run(Simulation sim, string inName, string outName, int beats, int lanes, double stall, int seed,
        Action<int, uint[]> fill, Action<uint[]> take, Func<bool> done, uint[] outWords)
    {
        var agent = new Agent(sim.Stream(inName), sim.Stream(outName), beats, stall, seed, fill, take, outWords);
        sim.Poke(agent.In.Valid, 0UL);
        sim.Poke(agent.Out.Ready, 0UL);
        sim.Reset(2);
        sim.Attach(agent);
        try
        {
            // Even at the largest stall probability allowed, a beat gets through within this many cycles on average.
            var limit = 200L * (beats * Math.Max(1, 4 / lanes) + 64) / Math.Max(0.01, (1 - stall) * (1 - stall));
            return sim.RunUntil(done, (long)limit, "the whole stream through the core");
        }
        finally
        {
            sim.Detach(agent);
        }
    }

    private static UInt128 Extract(ReadOnlySpan<uint> words, int offset, int width)
    {
        UInt128 result = 0;
        for (var i = 0; i < width; i++)
            if ((words[(offset + i) / 32] >> ((offset + i) % 32) & 1) != 0) result |= UInt128.One << i;
        return result;
    }

    private static void Insert(uint[] words, int offset, int width, UInt128 value)
    {
        for (var i = 0; i < width; i++)
            if (((value >> i) & 1) != 0) words[(offset + i) / 32] |= 1u << ((offset + i) % 32);
    }

    /// <summary>Drives the input stream and the output's ready; hands every output beat to the caller.</summary>
    private sealed class Agent(StreamPorts input, StreamPorts output, int beats, double stall, int seed,
        Action<int, uint[]> fill, Action<uint[]> take, uint[] outWords) : ICycleAgent
    {
        private readonly Random _random = new(seed);
        private readonly uint[] _inWords = new uint[input.Payload.Words];
        private int _next;
        private bool _offering, _ready;

        public StreamPorts In => input;
        public StreamPorts Out => output;

        public void Drive(Simulation sim)
        {
            if (!_offering && _next < beats && !(stall > 0 && _random.NextDouble() < stall))
            {
                fill(_next, _inWords);
                sim.Poke(input.Payload, (ReadOnlySpan<uint>)_inWords);
                sim.Poke(input.Last!, _next == beats - 1 ? 1UL : 0UL);
                sim.Poke(input.Valid, 1UL);
                _offering = true;
            }
            else if (!_offering) sim.Poke(input.Valid, 0UL);
            _ready = !(stall > 0 && _random.NextDouble() < stall);
            sim.Poke(output.Ready, _ready ? 1UL : 0UL);
        }

        public void Sample(Simulation sim)
        {
            if (_offering && sim.Peek(input.Ready) != 0)
            {
                _offering = false;
                _next++;
            }
            if (_ready && sim.Peek(output.Valid) != 0)
            {
                sim.PeekWords(output.Payload, outWords);
                take(outWords);
            }
        }
    }
}
