using Zfpe.Cores.Codec;
using Zfpe.Reference.Codecs;
using Zfpe.Sim;

namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// The compressor on the shared <see cref="StreamBench"/>: the values go in as packets (one per
/// stream, ended by <c>last</c>) under a source stall profile, the blocks come out under a sink
/// stall profile into an in-order scoreboard fed by the reference (<see cref="ZfpeCodec.EncodeBlock"/>,
/// block by block, with the core's padding of a stream's final block); with debug ports a checker
/// also compares each block as it leaves the FixedPoint (and BlockExponent), ForwardLift and
/// Negabinary stages.
/// </summary>
public sealed class CompressorBench
{
    private readonly ZfpeCoreConfig _config;
    private readonly ZfpeParameters _parameters;
    private readonly List<uint[][]> _packets = [];
    private readonly CodecStalls _stalls;
    private readonly int _seed;
    private readonly int _beats;
    // What the reference says about block j, flat (4 entries a block but for E): the expectations of the stage checker.
    private readonly List<uint> _inputs = [];
    private readonly List<int> _e = [], _fixedPoint = [], _lifted = [];
    private readonly List<uint> _negabinary = [];
    private List<long>? _inputCycles, _outputCycles;

    /// <param name="streams">
    /// Lengths of the consecutive streams (packets) that <paramref name="values"/> is cut into,
    /// each ended by <c>last</c>; null: one stream.
    /// </param>
    public CompressorBench(Simulation simulation, ZfpeCoreConfig config, uint[] values, CodecStalls stalls, int seed, int[]? streams = null)
    {
        Simulation = simulation;
        _config = config;
        _parameters = new ZfpeParameters(config.B, config.ExponentBits, config.Split);
        _stalls = stalls;
        _seed = seed;
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
            _packets.Add(ZfpeBeats.FromValues(config, values.AsSpan(start, n)));
            Blocks += (n + unit - 1) / unit * config.BlockLanes;
            start += n;
        }
        _beats = _packets.Sum(p => p.Length);
    }

    public Simulation Simulation { get; }

    /// <summary>The core under test.</summary>
    public ZfpeCompressor Top { get; }

    /// <summary>Blocks the core must produce, the padding of each stream's final block included.</summary>
    public int Blocks { get; }
    public bool NonFiniteExpected { get; private set; }
    public long BlocksChecked { get; private set; }
    public long FixedPointChecked { get; private set; }
    public long LiftedChecked { get; private set; }
    public long NegabinaryChecked { get; private set; }

    /// <summary>Records the cycle of every input beat and output beat (for the latency and throughput test).</summary>
    public void RecordCycles()
    {
        _inputCycles = [];
        _outputCycles = [];
    }

    public IReadOnlyList<long> InputCycles => _inputCycles ?? [];
    public IReadOnlyList<long> OutputCycles => _outputCycles ?? [];

    /// <summary>Every block the core produced, in order (filled only when <see cref="Keep"/> is set).</summary>
    public List<UInt128> Produced { get; } = [];
    public bool Keep { get; init; }

    /// <summary>Resets the core, runs every stream through it and returns the cycles taken.</summary>
    public long Run()
    {
        var sim = Simulation;
        sim.Poke(Top.ClearStatus, 0UL);
        if (sim.Cycle != 0) sim.Reset(2); // a fresh simulation is reset by the bench
        using var bench = new StreamBench(sim, _seed) { QuietCycles = Math.Max(64, ZfpeCompressor.LatencyOf(_config) + 4) };
        var source = bench.Source(sim.Stream(Top.Values), _stalls.Source(_seed), CodecPayloads.Values);
        var sink = bench.Sink(sim.Stream(Top.Blocks), _stalls.Sink(_seed), CodecPayloads.Blocks(_config));
        bench.Model(source, sink, Reference());
        var stages = _config.DebugPorts ? bench.Check(new StageChecker(this)) : null;
        if (_inputCycles is { } inputs)
            bench.Check(new StreamMonitor<uint[]>(source.Stream, CodecPayloads.Values, collect: false)).BeatFired += beat => inputs.Add(beat.Cycle);
        sink.Monitor.BeatFired += beat =>
        {
            _outputCycles?.Add(beat.Cycle);
            if (Keep) Produced.AddRange(beat.Payload);
        };
        foreach (var packet in _packets) source.Send(packet);

        var result = bench.Run(minCycles: 0, maxCycles: 64L * (_beats + 64) * (_stalls.IsNone ? 1 : 8));
        BlocksChecked = result.BeatsOut[0] * _config.BlockLanes;
        (FixedPointChecked, LiftedChecked, NegabinaryChecked) = stages is null ? (0, 0, 0) : (stages.FixedPoint, stages.Lifted, stages.Negabinary);
        return result.Cycles;
    }

    /// <summary>
    /// The reference as the bench's model: values gather into blocks; each whole beat of blocks is
    /// the next expected output, last with the stream's final one, whose final block is padded with +0.0.
    /// </summary>
    private Func<uint[], bool, IEnumerable<(UInt128[] Value, bool? Last)>> Reference()
    {
        var pending = new List<uint>();
        var perBeat = ZfpeCoreConfig.BlockSize * _config.BlockLanes;
        var block = new float[ZfpeCoreConfig.BlockSize];
        return (beat, last) =>
        {
            pending.AddRange(beat);
            if (last) pending.AddRange(new uint[(perBeat - pending.Count % perBeat) % perBeat]);
            var expected = new List<(UInt128[], bool?)>();
            while (pending.Count >= perBeat)
            {
                var blocks = new UInt128[_config.BlockLanes];
                for (var g = 0; g < blocks.Length; g++)
                {
                    for (var k = 0; k < block.Length; k++) block[k] = BitConverter.UInt32BitsToSingle(pending[g * block.Length + k]);
                    var trace = ZfpeCodec.EncodeBlock(block, _parameters);
                    _inputs.AddRange(pending.GetRange(g * block.Length, block.Length));
                    _e.Add(trace.E);
                    _fixedPoint.AddRange(trace.FixedPoint);
                    _lifted.AddRange(trace.Lifted);
                    _negabinary.AddRange(trace.Negabinary);
                    NonFiniteExpected |= trace.NonFiniteInput;
                    blocks[g] = trace.Bits;
                }
                pending.RemoveRange(0, perBeat);
                expected.Add((blocks, last && pending.Count == 0));
            }
            return expected;
        };
    }

    private Exception Failure(string stage, int block, string expected, string actual)
    {
        var inputs = block < _e.Count ? _inputs.GetRange(4 * block, 4).Select(BitConverter.UInt32BitsToSingle).ToArray() : null;
        var detail = inputs is null ? "past the last block"
            : $"inputs [{string.Join(", ", _inputs.GetRange(4 * block, 4).Select(v => $"0x{v:X8} ({BitConverter.UInt32BitsToSingle(v):R})"))}]; reference trace {ZfpeCodec.EncodeBlock(inputs, _parameters)}";
        return Simulation.Failure($"compressor {_config}: block #{block} at stage {stage}: expected {expected}, RTL gave {actual}; {detail}");
    }

    /// <summary>Checks each block, in order, as the debug ports show it leaving FixedPoint (with its BlockExponent), ForwardLift and Negabinary.</summary>
    private sealed class StageChecker : ICycleAgent
    {
        private readonly CompressorBench _bench;
        private readonly ZfpeCoreConfig _config;
        private readonly SimPort _fixedValid, _fixed, _exponent, _liftedValid, _lifted, _negabinaryValid, _negabinary;
        private readonly uint[] _words;
        private readonly uint[] _exponentWords = new uint[1];

        public StageChecker(CompressorBench bench)
        {
            _bench = bench;
            _config = bench._config;
            var sim = bench.Simulation;
            var top = bench.Top;
            _fixedValid = sim.Port(top.DebugFixedPointValid!);
            _fixed = sim.Port(top.DebugFixedPoint!);
            _exponent = sim.Port(top.DebugBlockExponent!);
            _liftedValid = sim.Port(top.DebugLiftedValid!);
            _lifted = sim.Port(top.DebugLifted!);
            _negabinaryValid = sim.Port(top.DebugNegabinaryValid!);
            _negabinary = sim.Port(top.DebugNegabinary!);
            _words = new uint[_fixed.Words];
        }

        public long FixedPoint { get; private set; }
        public long Lifted { get; private set; }
        public long Negabinary { get; private set; }

        public void Drive(Simulation simulation)
        {
        }

        public void Sample(Simulation sim)
        {
            var b = _bench;
            if (sim.Peek(_fixedValid) != 0)
            {
                sim.PeekWords(_fixed, _words);
                sim.PeekWords(_exponent, _exponentWords);
                for (var g = 0; g < _config.BlockLanes; g++, FixedPoint++)
                {
                    var j = (int)FixedPoint;
                    if (j >= b._e.Count) throw b.Failure("FixedPoint", j, "no more blocks", "a block");
                    var e = (int)(_exponentWords[0] >> (8 * g)) & 0xFF;
                    if (e != b._e[j]) throw b.Failure("BlockExponent (E)", j, b._e[j].ToString(), e.ToString());
                    for (var k = 0; k < 4; k++)
                        if ((int)_words[4 * g + k] != b._fixedPoint[4 * j + k])
                            throw b.Failure($"FixedPoint q{k}", j, b._fixedPoint[4 * j + k].ToString(), ((int)_words[4 * g + k]).ToString());
                }
            }
            if (sim.Peek(_liftedValid) != 0)
            {
                sim.PeekWords(_lifted, _words);
                for (var g = 0; g < _config.BlockLanes; g++, Lifted++)
                {
                    var j = (int)Lifted;
                    if (j >= b._e.Count) throw b.Failure("ForwardLift", j, "no more blocks", "a block");
                    for (var k = 0; k < 4; k++)
                        if ((int)_words[4 * g + k] != b._lifted[4 * j + k])
                            throw b.Failure($"ForwardLift coefficient {k}", j, b._lifted[4 * j + k].ToString(), ((int)_words[4 * g + k]).ToString());
                }
            }
            if (sim.Peek(_negabinaryValid) != 0)
            {
                sim.PeekWords(_negabinary, _words);
                for (var g = 0; g < _config.BlockLanes; g++, Negabinary++)
                {
                    var j = (int)Negabinary;
                    if (j >= b._e.Count) throw b.Failure("Negabinary", j, "no more blocks", "a block");
                    for (var k = 0; k < 4; k++)
                        if (_words[4 * g + k] != b._negabinary[4 * j + k])
                            throw b.Failure($"Negabinary u{k}", j, $"0x{b._negabinary[4 * j + k]:X8}", $"0x{_words[4 * g + k]:X8}");
                }
            }
        }
    }
}
