using Zfpe.Cores.Codec;
using Zfpe.Reference.Codecs;
using Zfpe.Sim;

namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// Drives a decompressor simulation with a stream of blocks under random input gaps and output
/// backpressure, and checks every value against the reference as it leaves the core; with debug
/// ports it also checks each block as it leaves InverseNegabinary (the coefficients before the
/// inverse lift, which pins down InversePayloadWindow too: the map is a bijection) and
/// InverseLift. Allocation-free per cycle: the expectations are computed up front.
/// </summary>
public sealed class DecompressorBench : ICycleAgent
{
    private readonly ZfpeCoreConfig _config;
    private readonly ZfpeParameters _parameters;
    private readonly UInt128[] _blocks;
    private readonly uint[] _beatWords;
    private readonly int _wordsPerBeat;
    private readonly bool[] _beatLast, _valueLast;
    private readonly int _beats;
    private readonly int _outBeats;
    private readonly StallProfile _stalls;
    private readonly Random _random;
    private readonly SimPort _inValid, _inReady, _inPayload, _inLast, _outValid, _outReady, _outPayload, _outLast;
    private readonly SimPort? _liftedValid, _lifted, _fixedValid, _fixed, _exponent;
    private readonly uint[] _outWords, _debugWords;
    private readonly uint[] _exponentWords = new uint[1];

    private readonly int[] _e;
    private readonly int[] _liftedCoefficients, _fixedPoint;
    private readonly uint[] _expectedValues;

    private List<long>? _inputCycles, _outputCycles;
    private double _idle, _ready;
    private long _nextDraw;
    private bool _offering, _readyNow;
    private int _nextBeat;

    /// <param name="streams">
    /// Block counts of the consecutive streams (packets) that <paramref name="blocks"/> is cut
    /// into, each ended by <c>last</c>; null: one stream.
    /// </param>
    public DecompressorBench(Simulation simulation, ZfpeCoreConfig config, UInt128[] blocks, StallProfile stalls, int seed, int[]? streams = null)
    {
        Simulation = simulation;
        _config = config;
        _parameters = new ZfpeParameters(config.B, config.ExponentBits, config.Split);
        _stalls = stalls;
        _random = new Random(seed);
        streams ??= [blocks.Length];
        if (blocks.Length == 0 || streams.Any(n => n < 1) || streams.Sum() != blocks.Length)
            throw new ArgumentException($"give at least one block, and stream lengths that are positive and add up to the {blocks.Length} blocks", nameof(streams));

        // At 8 lanes a beat carries two blocks: a stream of odd length gets a zero block as padding.
        var groups = config.BlockLanes;
        var padded = new List<UInt128>();
        var beatLast = new List<bool>();
        var start = 0;
        foreach (var n in streams)
        {
            var length = (n + groups - 1) / groups * groups;
            padded.AddRange(blocks.AsSpan(start, n).ToArray());
            padded.AddRange(new UInt128[length - n]);
            for (var i = 0; i < length / groups; i++) beatLast.Add(i == length / groups - 1);
            start += n;
        }
        _blocks = [.. padded];
        _beatLast = [.. beatLast];
        _beats = _beatLast.Length;
        _outBeats = _blocks.Length * ZfpeCoreConfig.BlockSize / config.Lanes;
        // Output beat i is the last of its stream when the block it ends is the last of an input beat marked last.
        _valueLast = new bool[_blocks.Length * ZfpeCoreConfig.BlockSize];
        for (var i = 0; i < _beats; i++)
            if (_beatLast[i]) _valueLast[(i + 1) * groups * ZfpeCoreConfig.BlockSize - 1] = true;

        var top = simulation.Top as ZfpeDecompressor
            ?? throw new ArgumentException("the simulation must run a ZfpeDecompressor emitted from its component", nameof(simulation));
        (_inValid, _inReady, _inPayload, _inLast) = CompressorBench.StreamPins(simulation.Stream(top.Blocks));
        (_outValid, _outReady, _outPayload, _outLast) = CompressorBench.StreamPins(simulation.Stream(top.Values));
        _wordsPerBeat = _inPayload.Words;
        _beatWords = new uint[_beats * _wordsPerBeat];
        for (var i = 0; i < _beats; i++)
            for (var g = 0; g < groups; g++)
                WideBits.Insert(_beatWords.AsSpan(i * _wordsPerBeat, _wordsPerBeat), g * config.BlockBits, config.BlockBits, _blocks[i * groups + g]);
        _outWords = new uint[_outPayload.Words];

        _e = new int[_blocks.Length];
        _liftedCoefficients = new int[4 * _blocks.Length];
        _fixedPoint = new int[4 * _blocks.Length];
        _expectedValues = new uint[4 * _blocks.Length];
        for (var j = 0; j < _blocks.Length; j++)
        {
            var trace = ZfpeCodec.DecodeBlock(_blocks[j], _parameters);
            _e[j] = trace.E;
            for (var k = 0; k < 4; k++)
            {
                _liftedCoefficients[4 * j + k] = trace.Lifted[k];
                _fixedPoint[4 * j + k] = trace.FixedPoint[k];
                _expectedValues[4 * j + k] = BitConverter.SingleToUInt32Bits(trace.Values[k]);
            }
        }

        if (config.DebugPorts)
        {
            _liftedValid = simulation.Port(top.DebugLiftedValid!);
            _lifted = simulation.Port(top.DebugLifted!);
            _fixedValid = simulation.Port(top.DebugFixedPointValid!);
            _fixed = simulation.Port(top.DebugFixedPoint!);
            _exponent = simulation.Port(top.DebugBlockExponent!);
            _debugWords = new uint[_lifted.Words];
        }
        else _debugWords = [];
    }

    public Simulation Simulation { get; }
    /// <summary>Blocks sent, including the zero blocks that pad odd streams at 8 lanes.</summary>
    public int PaddedBlocks => _blocks.Length;
    public long ValuesChecked { get; private set; }
    public long LiftedChecked { get; private set; }
    public long FixedPointChecked { get; private set; }
    public bool IsDone => ValuesChecked == _expectedValues.Length;

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

    public long Run()
    {
        var sim = Simulation;
        sim.Poke(_inValid, 0UL);
        sim.Poke(_outReady, 0UL);
        sim.Reset(2);
        sim.Attach(this);
        try
        {
            var limit = 64L * (_outBeats + 64) * (_stalls == StallProfile.None ? 1 : 8);
            var cycles = sim.RunUntil(() => IsDone, limit, $"all {_expectedValues.Length} values out of the decompressor");
            sim.Step(ZfpeDecompressor.LatencyOf(_config) + 4);
            return cycles;
        }
        finally
        {
            sim.Detach(this);
        }
    }

    public void Drive(Simulation sim)
    {
        if (sim.Cycle >= _nextDraw)
        {
            _nextDraw = sim.Cycle + _stalls.Period;
            _idle = _stalls.IdleChoices[_random.Next(_stalls.IdleChoices.Length)];
            _ready = _stalls.ReadyChoices[_random.Next(_stalls.ReadyChoices.Length)];
        }
        if (!_offering && _nextBeat < _beats && !(_idle > 0 && _random.NextDouble() < _idle))
        {
            sim.Poke(_inPayload, new ReadOnlySpan<uint>(_beatWords, _nextBeat * _wordsPerBeat, _wordsPerBeat));
            sim.Poke(_inLast, _beatLast[_nextBeat] ? 1UL : 0UL);
            sim.Poke(_inValid, 1UL);
            _offering = true;
        }
        else if (!_offering) sim.Poke(_inValid, 0UL);
        _readyNow = _ready >= 1 || _random.NextDouble() < _ready;
        sim.Poke(_outReady, _readyNow ? 1UL : 0UL);
    }

    public void Sample(Simulation sim)
    {
        if (_offering && sim.Peek(_inReady) != 0)
        {
            _offering = false;
            _nextBeat++;
            _inputCycles?.Add(sim.Cycle);
        }
        if (_liftedValid is not null && sim.Peek(_liftedValid) != 0)
        {
            sim.PeekWords(_lifted!, _debugWords);
            for (var g = 0; g < _config.BlockLanes; g++)
            {
                var j = (int)LiftedChecked;
                if (j >= _blocks.Length) Fail("InverseNegabinary", j, "no more blocks", "a block");
                for (var k = 0; k < 4; k++)
                    if ((int)_debugWords[4 * g + k] != _liftedCoefficients[4 * j + k])
                        Fail($"InverseNegabinary coefficient {k}", j, _liftedCoefficients[4 * j + k].ToString(), ((int)_debugWords[4 * g + k]).ToString());
                LiftedChecked++;
            }
        }
        if (_fixedValid is not null && sim.Peek(_fixedValid) != 0)
        {
            sim.PeekWords(_fixed!, _debugWords);
            sim.PeekWords(_exponent!, _exponentWords);
            for (var g = 0; g < _config.BlockLanes; g++)
            {
                var j = (int)FixedPointChecked;
                if (j >= _blocks.Length) Fail("InverseLift", j, "no more blocks", "a block");
                var e = (int)(_exponentWords[0] >> (_config.ExponentBits * g)) & ((1 << _config.ExponentBits) - 1);
                if (e != _e[j]) Fail("block exponent E", j, _e[j].ToString(), e.ToString());
                for (var k = 0; k < 4; k++)
                    if ((int)_debugWords[4 * g + k] != _fixedPoint[4 * j + k])
                        Fail($"InverseLift q{k}", j, _fixedPoint[4 * j + k].ToString(), ((int)_debugWords[4 * g + k]).ToString());
                FixedPointChecked++;
            }
        }
        if (_readyNow && sim.Peek(_outValid) != 0)
        {
            sim.PeekWords(_outPayload, _outWords);
            var last = sim.Peek(_outLast) != 0;
            for (var l = 0; l < _config.Lanes; l++)
            {
                var i = (int)ValuesChecked;
                if (i >= _expectedValues.Length) Fail("values_payload", i / 4, "no more values", "a value");
                if (_outWords[l] != _expectedValues[i])
                    Fail($"InverseFixedPoint value {i % 4} (lane {l})", i / 4, Describe(_expectedValues[i]), Describe(_outWords[l]));
                if (Keep) Produced.Add(_outWords[l]);
                ValuesChecked++;
            }
            _outputCycles?.Add(sim.Cycle);
            var expectLast = _valueLast[ValuesChecked - 1];
            if (last != expectLast) Fail("values_last", (int)(ValuesChecked - 1) / 4, expectLast ? "1" : "0", last ? "1" : "0");
        }
    }

    private static string Describe(uint bits) => $"0x{bits:X8} ({BitConverter.UInt32BitsToSingle(bits):R})";

    private void Fail(string stage, int block, string expected, string actual)
    {
        var detail = block < _blocks.Length ? $"block 0x{_blocks[block]:X}; reference trace {ZfpeCodec.DecodeBlock(_blocks[block], _parameters)}" : "past the last block";
        throw Simulation.Failure($"decompressor {_config}: block #{block} at stage {stage}: expected {expected}, RTL gave {actual}; {detail}");
    }
}
