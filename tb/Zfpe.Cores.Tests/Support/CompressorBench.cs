namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// The compressor on the shared stream bench (<see cref="CodecBench{TIn,TOut}"/>): values in,
/// blocks out, each checked against <see cref="ZfpeCodec.EncodeBlock"/> with the core's padding of
/// a stream's final block; with debug ports each block is also checked as it leaves the
/// FixedPoint (and BlockExponent), ForwardLift and Negabinary stages.
/// </summary>
public sealed class CompressorBench : CodecBench<uint, UInt128>
{
    // What the reference says about each block: its inputs (for failure messages), E and the stages' coefficients.
    private readonly List<uint> _inputs = [];
    private readonly List<int> _e = [];
    private readonly DebugStage _fixedPoint = new("FixedPoint", "q"), _lifted = new("ForwardLift", "coefficient "), _negabinary = new("Negabinary", "u", hex: true);

    /// <param name="streams">
    /// Lengths of the consecutive streams (packets) that <paramref name="values"/> is cut into,
    /// each ended by <c>last</c>; null: one stream.
    /// </param>
    public CompressorBench(Simulation simulation, ZfpeCoreConfig config, uint[] values, CodecStalls stalls, int seed, int[]? streams = null)
        : base(simulation, config, stalls, seed)
    {
        Top = simulation.Top as ZfpeCompressor
            ?? throw new ArgumentException("the simulation must run a ZfpeCompressor emitted from its component", nameof(simulation));
        streams ??= [values.Length];
        if (streams.Any(n => n < 1) || streams.Sum() != values.Length)
            throw new ArgumentException($"the stream lengths must be positive and add up to the {values.Length} values", nameof(streams));

        // The driver pads a stream's final beat with +0.0; the core pads a final block that ends mid-block.
        var unit = ZfpeCoreConfig.BlockSize * config.BlockLanes;
        var start = 0;
        foreach (var n in streams)
        {
            Packets.Add(ZfpeBeats.FromValues(config, values.AsSpan(start, n)));
            Blocks += (n + unit - 1) / unit * config.BlockLanes;
            start += n;
        }
    }

    /// <summary>Called with the reference's trace of every block the core must produce (to see what the data exercised).</summary>
    public Action<ZfpeBlockTrace>? Traced { get; init; }

    /// <summary>The core under test.</summary>
    public ZfpeCompressor Top { get; }

    /// <summary>Blocks the core must produce, the padding of each stream's final block included.</summary>
    public int Blocks { get; }
    public bool NonFiniteExpected { get; private set; }
    public long BlocksChecked { get; private set; }
    public long FixedPointChecked => _fixedPoint.Checked;
    public long LiftedChecked => _lifted.Checked;
    public long NegabinaryChecked => _negabinary.Checked;

    protected override StreamPorts Input => Simulation.Stream(Top.Values);
    protected override StreamPorts Output => Simulation.Stream(Top.Blocks);
    protected override PayloadCodec<uint[]> InputCodec => CodecPayloads.Values;
    protected override PayloadCodec<UInt128[]> OutputCodec => CodecPayloads.Blocks(Config);
    protected override int Latency => ZfpeCompressor.LatencyOf(Config);
    protected override long OutputBeats => Blocks / Config.BlockLanes;

    /// <summary>Resets the core, runs every stream through it and returns the cycles taken.</summary>
    public long Run()
    {
        var (cycles, beatsOut) = RunBench();
        BlocksChecked = beatsOut * Config.BlockLanes;
        return cycles;
    }

    protected override void BeforeRun() => Simulation.Poke(Top.ClearStatus, 0UL);

    /// <summary>Values gather into blocks; each whole beat of blocks is the next expected output, last with the stream's final one, whose final block is padded with +0.0.</summary>
    protected override Func<uint[], bool, IEnumerable<(UInt128[] Value, bool? Last)>> Reference()
    {
        var pending = new List<uint>();
        var perBeat = ZfpeCoreConfig.BlockSize * Config.BlockLanes;
        var block = new float[ZfpeCoreConfig.BlockSize];
        return (beat, last) =>
        {
            pending.AddRange(beat);
            if (last) pending.AddRange(new uint[(perBeat - pending.Count % perBeat) % perBeat]);
            var expected = new List<(UInt128[], bool?)>();
            while (pending.Count >= perBeat)
            {
                var blocks = new UInt128[Config.BlockLanes];
                for (var g = 0; g < blocks.Length; g++)
                {
                    for (var k = 0; k < block.Length; k++) block[k] = BitConverter.UInt32BitsToSingle(pending[g * block.Length + k]);
                    var trace = ZfpeCodec.EncodeBlock(block, Parameters);
                    Traced?.Invoke(trace);
                    _inputs.AddRange(pending.GetRange(g * block.Length, block.Length));
                    _e.Add(trace.E);
                    _fixedPoint.Expect(trace.FixedPoint);
                    _lifted.Expect(trace.Lifted);
                    _negabinary.Expect(trace.Negabinary);
                    NonFiniteExpected |= trace.NonFiniteInput;
                    blocks[g] = trace.Bits;
                }
                pending.RemoveRange(0, perBeat);
                expected.Add((blocks, last && pending.Count == 0));
            }
            return expected;
        };
    }

    protected override DebugStageChecks? StageChecks()
    {
        if (!Config.DebugPorts) return null;
        var sim = Simulation;
        var exponent = sim.Port(Top.DebugBlockExponent!);
        var exponentWords = new uint[exponent.Words];
        void CheckExponent(int g, int j)
        {
            if (g == 0) sim.PeekWords(exponent, exponentWords);
            var e = (int)(exponentWords[0] >> (8 * g)) & 0xFF;
            if (e != _e[j]) throw Failure("BlockExponent (E)", j, _e[j].ToString(), e.ToString());
        }
        return new DebugStageChecks(Config.BlockLanes, Failure)
            .Add(sim.Port(Top.DebugFixedPointValid!), sim.Port(Top.DebugFixedPoint!), _fixedPoint, CheckExponent)
            .Add(sim.Port(Top.DebugLiftedValid!), sim.Port(Top.DebugLifted!), _lifted)
            .Add(sim.Port(Top.DebugNegabinaryValid!), sim.Port(Top.DebugNegabinary!), _negabinary);
    }

    private Exception Failure(string stage, int block, string expected, string actual)
    {
        var inputs = block < _e.Count ? _inputs.GetRange(4 * block, 4) : null;
        var detail = inputs is null ? "past the last block"
            : $"inputs [{string.Join(", ", inputs.Select(v => $"0x{v:X8} ({BitConverter.UInt32BitsToSingle(v):R})"))}]; " +
              $"reference trace {ZfpeCodec.EncodeBlock(inputs.Select(BitConverter.UInt32BitsToSingle).ToArray(), Parameters)}";
        return Simulation.Failure($"compressor {Config}: block #{block} at stage {stage}: expected {expected}, RTL gave {actual}; {detail}");
    }
}
