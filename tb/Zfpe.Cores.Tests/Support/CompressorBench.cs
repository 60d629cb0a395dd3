using Zfpe.Cores.Codec;
using Zfpe.Reference.Codecs;
using Zfpe.Sim;

namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// Drives a compressor simulation with a stream of values under random input gaps and output
/// backpressure, and checks every block against the reference as it leaves the core; with debug
/// ports it also checks each block as it leaves the FixedPoint (and BlockExponent), ForwardLift
/// and Negabinary stages. Allocation-free per cycle: the expectations are computed up front.
/// </summary>
public sealed class CompressorBench : ICycleAgent
{
    private readonly ZfpeCoreConfig _config;
    private readonly ZfpeParameters _parameters;
    private readonly uint[] _values;
    private readonly int[] _beatOffsets;
    private readonly bool[] _beatLast, _blockLast;
    private readonly int _beats;
    private readonly int _blocks;
    private readonly StallProfile _stalls;
    private readonly Random _random;
    private readonly SimPort _inValid, _inReady, _inPayload, _inLast, _outValid, _outReady, _outPayload, _outLast;
    private readonly SimPort? _fixedValid, _fixed, _exponent, _liftedValid, _lifted, _negabinaryValid, _negabinary;
    private readonly uint[] _beatWords, _outWords, _debugWords;
    private readonly uint[] _exponentWords = new uint[1];

    // What the reference says about block j.
    private readonly int[] _e;
    private readonly int[] _fixedPoint, _liftedCoefficients;
    private readonly uint[] _negabinaryWords;
    private readonly UInt128[] _bits;

    private List<long>? _inputCycles, _outputCycles;
    private double _idle, _ready;
    private long _nextDraw;
    private bool _offering, _readyNow;
    private int _nextBeat;

    /// <param name="streams">
    /// Lengths of the consecutive streams (packets) that <paramref name="values"/> is cut into,
    /// each ended by <c>last</c>; null: one stream.
    /// </param>
    public CompressorBench(Simulation simulation, ZfpeCoreConfig config, uint[] values, StallProfile stalls, int seed, int[]? streams = null)
    {
        Simulation = simulation;
        _config = config;
        _parameters = new ZfpeParameters(config.B, config.ExponentBits, config.Split);
        _stalls = stalls;
        _random = new Random(seed);
        streams ??= [values.Length];
        if (streams.Any(n => n < 1) || streams.Sum() != values.Length)
            throw new ArgumentException($"the stream lengths must be positive and add up to the {values.Length} values", nameof(streams));

        // Each stream is padded with +0.0 to whole blocks (whole beats at 8 lanes): the driver
        // pads a stream's final beat, the core pads a final block that ends mid-block.
        var unit = Math.Max(ZfpeCoreConfig.BlockSize, config.Lanes);
        var padded = new List<uint>();
        var beatOffsets = new List<int>();
        var beatLast = new List<bool>();
        var blockLast = new List<bool>();
        var start = 0;
        foreach (var n in streams)
        {
            var offset = padded.Count;
            var length = (n + unit - 1) / unit * unit;
            padded.AddRange(values.AsSpan(start, n).ToArray());
            padded.AddRange(new uint[length - n]);
            var beats = (n + config.Lanes - 1) / config.Lanes;
            for (var i = 0; i < beats; i++)
            {
                beatOffsets.Add(offset + i * config.Lanes);
                beatLast.Add(i == beats - 1);
            }
            for (var j = 0; j < length / ZfpeCoreConfig.BlockSize; j++) blockLast.Add(j == length / ZfpeCoreConfig.BlockSize - 1);
            start += n;
        }
        _values = [.. padded];
        _beatOffsets = [.. beatOffsets];
        _beatLast = [.. beatLast];
        _blockLast = [.. blockLast];
        _beats = _beatOffsets.Length;
        _blocks = _values.Length / ZfpeCoreConfig.BlockSize;

        _e = new int[_blocks];
        _fixedPoint = new int[4 * _blocks];
        _liftedCoefficients = new int[4 * _blocks];
        _negabinaryWords = new uint[4 * _blocks];
        _bits = new UInt128[_blocks];
        var block = new float[4];
        for (var j = 0; j < _blocks; j++)
        {
            for (var k = 0; k < 4; k++) block[k] = BitConverter.UInt32BitsToSingle(_values[4 * j + k]);
            var trace = ZfpeCodec.EncodeBlock(block, _parameters);
            _e[j] = trace.E;
            _bits[j] = trace.Bits;
            for (var k = 0; k < 4; k++)
            {
                _fixedPoint[4 * j + k] = trace.FixedPoint[k];
                _liftedCoefficients[4 * j + k] = trace.Lifted[k];
                _negabinaryWords[4 * j + k] = trace.Negabinary[k];
            }
            NonFiniteExpected |= trace.NonFiniteInput;
        }

        var top = simulation.Top as ZfpeCompressor
            ?? throw new ArgumentException("the simulation must run a ZfpeCompressor emitted from its component", nameof(simulation));
        _top = top;
        (_inValid, _inReady, _inPayload, _inLast) = StreamPins(simulation.Stream(top.Values));
        (_outValid, _outReady, _outPayload, _outLast) = StreamPins(simulation.Stream(top.Blocks));
        if (config.DebugPorts)
        {
            _fixedValid = simulation.Port(top.DebugFixedPointValid!);
            _fixed = simulation.Port(top.DebugFixedPoint!);
            _exponent = simulation.Port(top.DebugBlockExponent!);
            _liftedValid = simulation.Port(top.DebugLiftedValid!);
            _lifted = simulation.Port(top.DebugLifted!);
            _negabinaryValid = simulation.Port(top.DebugNegabinaryValid!);
            _negabinary = simulation.Port(top.DebugNegabinary!);
            _debugWords = new uint[_fixed.Words];
        }
        else _debugWords = [];
        _beatWords = new uint[_inPayload.Words];
        _outWords = new uint[_outPayload.Words];
    }

    public Simulation Simulation { get; }
    public int Blocks => _blocks;
    public bool NonFiniteExpected { get; }
    public long BlocksChecked { get; private set; }
    public long FixedPointChecked { get; private set; }
    public long LiftedChecked { get; private set; }
    public long NegabinaryChecked { get; private set; }
    public bool IsDone => BlocksChecked == _blocks;

    /// <summary>Records the cycle of every input beat and output beat (for the latency and throughput test).</summary>
    public void RecordCycles()
    {
        _inputCycles = [];
        _outputCycles = [];
    }

    public IReadOnlyList<long> InputCycles => _inputCycles ?? [];
    public IReadOnlyList<long> OutputCycles => _outputCycles ?? [];

    private readonly ZfpeCompressor _top;

    /// <summary>A codec stream's four pins (the codec streams all carry last).</summary>
    internal static (SimPort Valid, SimPort Ready, SimPort Payload, SimPort Last) StreamPins(StreamPorts stream) =>
        (stream.Valid, stream.Ready, stream.Payload, stream.Last ?? throw new InvalidOperationException("a codec stream carries last"));

    /// <summary>The core under test.</summary>
    public ZfpeCompressor Top => _top;

    /// <summary>Every block the core produced, in order (filled only when <see cref="Keep"/> is set).</summary>
    public List<UInt128> Produced { get; } = [];
    public bool Keep { get; init; }

    /// <summary>Resets the core, runs the whole stream through it and returns the cycles taken.</summary>
    public long Run()
    {
        var sim = Simulation;
        sim.Poke(_inValid, 0UL);
        sim.Poke(_outReady, 0UL);
        sim.Poke(_top.ClearStatus, 0UL);
        sim.Reset(2);
        sim.Attach(this);
        try
        {
            var limit = 64L * (_beats + 64) * (_stalls == StallProfile.None ? 1 : 8);
            var cycles = sim.RunUntil(() => IsDone, limit, $"all {_blocks} blocks out of the compressor");
            sim.Step(ZfpeCompressor.LatencyOf(_config) + 4); // nothing more may come out
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
            Array.Copy(_values, _beatOffsets[_nextBeat], _beatWords, 0, _config.Lanes);
            sim.Poke(_inPayload, (ReadOnlySpan<uint>)_beatWords);
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
        if (_fixedValid is not null && sim.Peek(_fixedValid) != 0)
        {
            sim.PeekWords(_fixed!, _debugWords);
            sim.PeekWords(_exponent!, _exponentWords);
            for (var g = 0; g < _config.BlockLanes; g++)
            {
                var j = (int)FixedPointChecked;
                Require(j < _blocks, "FixedPoint", j, "no more blocks", "a block");
                var e = (int)(_exponentWords[0] >> (8 * g)) & 0xFF;
                if (e != _e[j]) Fail("BlockExponent (E)", j, _e[j].ToString(), e.ToString());
                for (var k = 0; k < 4; k++)
                    if ((int)_debugWords[4 * g + k] != _fixedPoint[4 * j + k])
                        Fail($"FixedPoint q{k}", j, _fixedPoint[4 * j + k].ToString(), ((int)_debugWords[4 * g + k]).ToString());
                FixedPointChecked++;
            }
        }
        if (_liftedValid is not null && sim.Peek(_liftedValid) != 0)
        {
            sim.PeekWords(_lifted!, _debugWords);
            for (var g = 0; g < _config.BlockLanes; g++)
            {
                var j = (int)LiftedChecked;
                Require(j < _blocks, "ForwardLift", j, "no more blocks", "a block");
                for (var k = 0; k < 4; k++)
                    if ((int)_debugWords[4 * g + k] != _liftedCoefficients[4 * j + k])
                        Fail($"ForwardLift coefficient {k}", j, _liftedCoefficients[4 * j + k].ToString(), ((int)_debugWords[4 * g + k]).ToString());
                LiftedChecked++;
            }
        }
        if (_negabinaryValid is not null && sim.Peek(_negabinaryValid) != 0)
        {
            sim.PeekWords(_negabinary!, _debugWords);
            for (var g = 0; g < _config.BlockLanes; g++)
            {
                var j = (int)NegabinaryChecked;
                Require(j < _blocks, "Negabinary", j, "no more blocks", "a block");
                for (var k = 0; k < 4; k++)
                    if (_debugWords[4 * g + k] != _negabinaryWords[4 * j + k])
                        Fail($"Negabinary u{k}", j, $"0x{_negabinaryWords[4 * j + k]:X8}", $"0x{_debugWords[4 * g + k]:X8}");
                NegabinaryChecked++;
            }
        }
        if (_readyNow && sim.Peek(_outValid) != 0)
        {
            sim.PeekWords(_outPayload, _outWords);
            var last = sim.Peek(_outLast) != 0;
            for (var g = 0; g < _config.BlockLanes; g++)
            {
                var j = (int)BlocksChecked;
                Require(j < _blocks, "blocks_payload", j, "no more blocks", "a block");
                var actual = WideBits.Extract(_outWords, g * _config.BlockBits, _config.BlockBits);
                if (actual != _bits[j]) Fail("PayloadWindow (the block)", j, $"0x{_bits[j]:X}", $"0x{actual:X}");
                if (Keep) Produced.Add(actual);
                BlocksChecked++;
            }
            _outputCycles?.Add(sim.Cycle);
            var expectLast = _blockLast[BlocksChecked - 1];
            if (last != expectLast) Fail("blocks_last", (int)BlocksChecked - 1, expectLast ? "1" : "0", last ? "1" : "0");
        }
    }

    private void Require(bool condition, string stage, int block, string expected, string actual)
    {
        if (!condition) Fail(stage, block, expected, actual);
    }

    private void Fail(string stage, int block, string expected, string actual)
    {
        var inputs = block < _blocks
            ? string.Join(", ", Enumerable.Range(0, 4).Select(k => $"0x{_values[4 * block + k]:X8} ({BitConverter.UInt32BitsToSingle(_values[4 * block + k]):R})"))
            : "-";
        var trace = block < _blocks
            ? ZfpeCodec.EncodeBlock(Enumerable.Range(0, 4).Select(k => BitConverter.UInt32BitsToSingle(_values[4 * block + k])).ToArray(), _parameters).ToString()
            : "-";
        throw Simulation.Failure(
            $"compressor {_config}: block #{block} at stage {stage}: expected {expected}, RTL gave {actual}; inputs [{inputs}]; reference trace {trace}");
    }
}
