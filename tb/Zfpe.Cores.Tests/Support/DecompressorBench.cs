using Zfpe.Cores.Codec;
using Zfpe.Reference.Codecs;
using Zfpe.Sim;

namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// The decompressor on the shared <see cref="StreamBench"/>: the blocks go in as packets (one per
/// stream, ended by <c>last</c>) under a source stall profile, the values come out under a sink
/// stall profile into an in-order scoreboard fed by the reference (<see cref="ZfpeCodec.DecodeBlock"/>);
/// with debug ports a checker also compares each block as it leaves InverseNegabinary (the
/// coefficients before the inverse lift, which pins down InversePayloadWindow too: the map is a
/// bijection) and InverseLift.
/// </summary>
public sealed class DecompressorBench
{
    private readonly ZfpeCoreConfig _config;
    private readonly ZfpeParameters _parameters;
    private readonly List<UInt128[][]> _packets = [];
    private readonly CodecStalls _stalls;
    private readonly int _seed;
    private readonly int _outBeats;
    // What the reference says about block j, flat (4 entries a block but for E and the block): the expectations of the stage checker.
    private readonly List<UInt128> _blocks = [];
    private readonly List<int> _e = [], _lifted = [], _fixedPoint = [];
    private List<long>? _inputCycles, _outputCycles;

    /// <param name="streams">
    /// Block counts of the consecutive streams (packets) that <paramref name="blocks"/> is cut
    /// into, each ended by <c>last</c>; null: one stream.
    /// </param>
    public DecompressorBench(Simulation simulation, ZfpeCoreConfig config, UInt128[] blocks, CodecStalls stalls, int seed, int[]? streams = null)
    {
        Simulation = simulation;
        _config = config;
        _parameters = new ZfpeParameters(config.B, config.ExponentBits, config.Split);
        _stalls = stalls;
        _seed = seed;
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
            _packets.Add(Enumerable.Range(0, beats).Select(i => padded[(i * groups)..((i + 1) * groups)]).ToArray());
            PaddedBlocks += padded.Length;
            start += n;
        }
        _outBeats = PaddedBlocks * ZfpeCoreConfig.BlockSize / config.Lanes;
    }

    public Simulation Simulation { get; }

    /// <summary>The core under test.</summary>
    public ZfpeDecompressor Top { get; }

    /// <summary>Blocks sent, including the zero blocks that pad odd streams at 8 lanes.</summary>
    public int PaddedBlocks { get; }
    public long ValuesChecked { get; private set; }
    public long LiftedChecked { get; private set; }
    public long FixedPointChecked { get; private set; }

    /// <summary>Records the cycle of every input beat and output beat (for the latency and throughput test).</summary>
    public void RecordCycles()
    {
        _inputCycles = [];
        _outputCycles = [];
    }

    public IReadOnlyList<long> InputCycles => _inputCycles ?? [];
    public IReadOnlyList<long> OutputCycles => _outputCycles ?? [];

    /// <summary>The values the core produced, in order (filled only when <see cref="Keep"/> is set).</summary>
    public List<uint> Produced { get; } = [];
    public bool Keep { get; init; }

    /// <summary>Resets the core, runs every stream through it and returns the cycles taken.</summary>
    public long Run()
    {
        var sim = Simulation;
        if (sim.Cycle != 0) sim.Reset(2); // a fresh simulation is reset by the bench
        using var bench = new StreamBench(sim, _seed) { QuietCycles = Math.Max(64, ZfpeDecompressor.LatencyOf(_config) + 4) };
        var source = bench.Source(sim.Stream(Top.Blocks), _stalls.Source(_seed), CodecPayloads.Blocks(_config));
        var sink = bench.Sink(sim.Stream(Top.Values), _stalls.Sink(_seed), CodecPayloads.Values);
        bench.Model(source, sink, Reference());
        var stages = _config.DebugPorts ? bench.Check(new StageChecker(this)) : null;
        if (_inputCycles is { } inputs)
            bench.Check(new StreamMonitor<UInt128[]>(source.Stream, CodecPayloads.Blocks(_config), collect: false)).BeatFired += beat => inputs.Add(beat.Cycle);
        sink.Monitor.BeatFired += beat =>
        {
            _outputCycles?.Add(beat.Cycle);
            if (Keep) Produced.AddRange(beat.Payload);
        };
        foreach (var packet in _packets) source.Send(packet);

        var result = bench.Run(minCycles: 0, maxCycles: 64L * (_outBeats + 64) * (_stalls.IsNone ? 1 : 8));
        ValuesChecked = result.BeatsOut[0] * _config.Lanes;
        (LiftedChecked, FixedPointChecked) = stages is null ? (0, 0) : (stages.Lifted, stages.FixedPoint);
        return result.Cycles;
    }

    /// <summary>The reference as the bench's model: each beat's blocks decode into 4 values each, delivered <see cref="ZfpeCoreConfig.Lanes"/> at a time; last with the final beat of a stream.</summary>
    private Func<UInt128[], bool, IEnumerable<(uint[] Value, bool? Last)>> Reference() => (beat, last) =>
    {
        var values = new List<uint>();
        foreach (var block in beat)
        {
            var trace = ZfpeCodec.DecodeBlock(block, _parameters);
            _blocks.Add(block);
            _e.Add(trace.E);
            _lifted.AddRange(trace.Lifted);
            _fixedPoint.AddRange(trace.FixedPoint);
            values.AddRange(trace.Values.Select(BitConverter.SingleToUInt32Bits));
        }
        var lanes = _config.Lanes;
        var count = values.Count / lanes;
        return Enumerable.Range(0, count).Select(i => (values.GetRange(i * lanes, lanes).ToArray(), (bool?)(last && i == count - 1))).ToList();
    };

    private Exception Failure(string stage, int block, string expected, string actual)
    {
        var detail = block < _blocks.Count ? $"block 0x{_blocks[block]:X}; reference trace {ZfpeCodec.DecodeBlock(_blocks[block], _parameters)}" : "past the last block";
        return Simulation.Failure($"decompressor {_config}: block #{block} at stage {stage}: expected {expected}, RTL gave {actual}; {detail}");
    }

    /// <summary>Checks each block, in order, as the debug ports show it leaving InverseNegabinary and InverseLift (with its block exponent).</summary>
    private sealed class StageChecker : ICycleAgent
    {
        private readonly DecompressorBench _bench;
        private readonly ZfpeCoreConfig _config;
        private readonly SimPort _liftedValid, _lifted, _fixedValid, _fixed, _exponent;
        private readonly uint[] _words;
        private readonly uint[] _exponentWords = new uint[1];

        public StageChecker(DecompressorBench bench)
        {
            _bench = bench;
            _config = bench._config;
            var sim = bench.Simulation;
            var top = bench.Top;
            _liftedValid = sim.Port(top.DebugLiftedValid!);
            _lifted = sim.Port(top.DebugLifted!);
            _fixedValid = sim.Port(top.DebugFixedPointValid!);
            _fixed = sim.Port(top.DebugFixedPoint!);
            _exponent = sim.Port(top.DebugBlockExponent!);
            _words = new uint[_lifted.Words];
        }

        public long Lifted { get; private set; }
        public long FixedPoint { get; private set; }

        public void Drive(Simulation simulation)
        {
        }

        public void Sample(Simulation sim)
        {
            var b = _bench;
            if (sim.Peek(_liftedValid) != 0)
            {
                sim.PeekWords(_lifted, _words);
                for (var g = 0; g < _config.BlockLanes; g++, Lifted++)
                {
                    var j = (int)Lifted;
                    if (j >= b._e.Count) throw b.Failure("InverseNegabinary", j, "no more blocks", "a block");
                    for (var k = 0; k < 4; k++)
                        if ((int)_words[4 * g + k] != b._lifted[4 * j + k])
                            throw b.Failure($"InverseNegabinary coefficient {k}", j, b._lifted[4 * j + k].ToString(), ((int)_words[4 * g + k]).ToString());
                }
            }
            if (sim.Peek(_fixedValid) != 0)
            {
                sim.PeekWords(_fixed, _words);
                sim.PeekWords(_exponent, _exponentWords);
                for (var g = 0; g < _config.BlockLanes; g++, FixedPoint++)
                {
                    var j = (int)FixedPoint;
                    if (j >= b._e.Count) throw b.Failure("InverseLift", j, "no more blocks", "a block");
                    var e = (int)(_exponentWords[0] >> (_config.ExponentBits * g)) & ((1 << _config.ExponentBits) - 1);
                    if (e != b._e[j]) throw b.Failure("block exponent E", j, b._e[j].ToString(), e.ToString());
                    for (var k = 0; k < 4; k++)
                        if ((int)_words[4 * g + k] != b._fixedPoint[4 * j + k])
                            throw b.Failure($"InverseLift q{k}", j, b._fixedPoint[4 * j + k].ToString(), ((int)_words[4 * g + k]).ToString());
                }
            }
        }
    }
}
