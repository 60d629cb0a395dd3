namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// The decompressor on the shared stream bench (<see cref="CodecBench{TIn,TOut}"/>): blocks in,
/// values out, each checked against <see cref="ZfpeCodec.DecodeBlock"/>; with debug ports each
/// block is also checked as it leaves InverseNegabinary (the coefficients before the inverse lift,
/// which pins down InversePayloadWindow too: the map is a bijection) and InverseLift.
/// </summary>
public sealed class DecompressorBench : CodecBench<UInt128, uint>
{
    // What the reference says about each block: the block (for failure messages), E and the stages' coefficients.
    private readonly List<UInt128> _blocks = [];
    private readonly List<int> _e = [];
    private readonly DebugStage _lifted = new("InverseNegabinary", "coefficient "), _fixedPoint = new("InverseLift", "q");

    /// <param name="streams">
    /// Block counts of the consecutive streams (packets) that <paramref name="blocks"/> is cut
    /// into, each ended by <c>last</c>; null: one stream.
    /// </param>
    public DecompressorBench(Simulation simulation, ZfpeCoreConfig config, UInt128[] blocks, CodecStalls stalls, int seed, int[]? streams = null)
        : base(simulation, config, stalls, seed)
    {
        Top = simulation.Top as ZfpeDecompressor
            ?? throw new ArgumentException("the simulation must run a ZfpeDecompressor emitted from its component", nameof(simulation));
        streams ??= [blocks.Length];
        if (blocks.Length == 0 || streams.Any(n => n < 1) || streams.Sum() != blocks.Length)
            throw new ArgumentException($"give at least one block, and stream lengths that are positive and add up to the {blocks.Length} blocks", nameof(streams));

        // At 8 lanes a beat carries two blocks: a stream of odd length gets a zero block as padding.
        var groups = config.BlockLanes;
        var start = 0;
        foreach (var n in streams)
        {
            var beats = (n + groups - 1) / groups;
            var padded = new UInt128[beats * groups];
            blocks.AsSpan(start, n).CopyTo(padded);
            Packets.Add(Enumerable.Range(0, beats).Select(i => padded[(i * groups)..((i + 1) * groups)]).ToArray());
            PaddedBlocks += padded.Length;
            start += n;
        }
    }

    /// <summary>The core under test.</summary>
    public ZfpeDecompressor Top { get; }

    /// <summary>Blocks sent, including the zero blocks that pad odd streams at 8 lanes.</summary>
    public int PaddedBlocks { get; }
    public long ValuesChecked { get; private set; }
    public long LiftedChecked => _lifted.Checked;
    public long FixedPointChecked => _fixedPoint.Checked;

    protected override StreamPorts Input => Simulation.Stream(Top.Blocks);
    protected override StreamPorts Output => Simulation.Stream(Top.Values);
    protected override PayloadCodec<UInt128[]> InputCodec => CodecPayloads.Blocks(Config);
    protected override PayloadCodec<uint[]> OutputCodec => CodecPayloads.Values;
    protected override int Latency => ZfpeDecompressor.LatencyOf(Config);
    protected override long OutputBeats => (long)PaddedBlocks * ZfpeCoreConfig.BlockSize / Config.Lanes;

    /// <summary>Resets the core, runs every stream through it and returns the cycles taken.</summary>
    public long Run()
    {
        var (cycles, beatsOut) = RunBench();
        ValuesChecked = beatsOut * Config.Lanes;
        return cycles;
    }

    /// <summary>Each beat's blocks decode into 4 values each, delivered <see cref="ZfpeCoreConfig.Lanes"/> at a time; last with the final beat of a stream.</summary>
    protected override Func<UInt128[], bool, IEnumerable<(uint[] Value, bool? Last)>> Reference() => (beat, last) =>
    {
        var values = new List<uint>();
        foreach (var block in beat)
        {
            var trace = ZfpeCodec.DecodeBlock(block, Parameters);
            _blocks.Add(block);
            _e.Add(trace.E);
            _lifted.Expect(trace.Lifted);
            _fixedPoint.Expect(trace.FixedPoint);
            values.AddRange(trace.Values.Select(BitConverter.SingleToUInt32Bits));
        }
        var lanes = Config.Lanes;
        var count = values.Count / lanes;
        return Enumerable.Range(0, count).Select(i => (values.GetRange(i * lanes, lanes).ToArray(), (bool?)(last && i == count - 1))).ToList();
    };

    protected override DebugStageChecks? StageChecks()
    {
        if (!Config.DebugPorts) return null;
        var sim = Simulation;
        var exponent = sim.Port(Top.DebugBlockExponent!);
        var exponentWords = new uint[exponent.Words];
        var bits = Config.ExponentBits;
        void CheckExponent(int g, int j)
        {
            if (g == 0) sim.PeekWords(exponent, exponentWords);
            var e = (int)(exponentWords[0] >> (bits * g)) & ((1 << bits) - 1);
            if (e != _e[j]) throw Failure("block exponent E", j, _e[j].ToString(), e.ToString());
        }
        return new DebugStageChecks(Config.BlockLanes, Failure)
            .Add(sim.Port(Top.DebugLiftedValid!), sim.Port(Top.DebugLifted!), _lifted)
            .Add(sim.Port(Top.DebugFixedPointValid!), sim.Port(Top.DebugFixedPoint!), _fixedPoint, CheckExponent);
    }

    private Exception Failure(string stage, int block, string expected, string actual)
    {
        var detail = block < _blocks.Count ? $"block 0x{_blocks[block]:X}; reference trace {ZfpeCodec.DecodeBlock(_blocks[block], Parameters)}" : "past the last block";
        return Simulation.Failure($"decompressor {Config}: block #{block} at stage {stage}: expected {expected}, RTL gave {actual}; {detail}");
    }
}
