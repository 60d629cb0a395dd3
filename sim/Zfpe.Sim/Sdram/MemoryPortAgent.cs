namespace Zfpe.Sim.Sdram;

/// <summary>
/// Drives every port of a Verilated burst arbiter or memory system (request streams in,
/// response streams of 16-bit words with last out) from queues of
/// <see cref="MemoryRun"/>s, and checks every read word against a shadow memory. The shadow is
/// updated in the order runs are granted (a run's first beat moving), which is the order the
/// memory serves them, so a read expects every write granted before it.
/// <list type="bullet">
/// <item>Fails (<see cref="Simulation.Failure"/>) on a read word that is wrong, extra, or whose
/// last flag is wrong, and on a beat of one port while another port is in the middle of a write
/// run (runs interleaved).</item>
/// <item>With a <c>waiting</c> output (bit i: port i may be granted), counts for each port the
/// most runs granted to other ports while it waited (<see cref="MostRunsWaited"/>).</item>
/// <item>Counts words granted per port (<see cref="WordsGranted"/>) for bandwidth shares.</item>
/// </list>
/// Request payload layout (low bits first): address, write, data (16), byte enables (2), words − 1.
/// </summary>
public sealed class MemoryPortAgent : ICycleAgent
{
    private sealed class Port(StreamPorts request, StreamPorts response)
    {
        public readonly StreamPorts Request = request, Response = response;
        public readonly Queue<MemoryRun> Runs = new();
        public readonly Queue<(ushort Data, bool Last)> Expected = new();
        public int Beat;
        public bool Presenting, ReadyNow;
        public long WaitingSince = -1;
    }

    private readonly Port[] _ports;
    private readonly SimPort? _waiting;
    private readonly Dictionary<long, ushort> _shadow = new();
    private readonly int _addressBits, _lengthBits;
    private readonly long _addressMask;
    private readonly Random _random;
    private int _inWriteRun = -1;
    private long _grants;

    /// <summary>Binds to the port streams (<c>sim.Stream(top.Requests[i])</c>...) and <paramref name="waiting"/> (null: not checked), and attaches itself.</summary>
    public MemoryPortAgent(Simulation simulation, IReadOnlyList<StreamPorts> requests, IReadOnlyList<StreamPorts> responses, SimPort? waiting, int addressBits, int lengthBits, int seed)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(responses);
        if (requests.Count != responses.Count) throw new ArgumentException($"{requests.Count} request streams but {responses.Count} response streams", nameof(responses));
        var ports = requests.Count;
        _ports = Enumerable.Range(0, ports).Select(i => new Port(requests[i], responses[i])).ToArray();
        _waiting = waiting;
        (_addressBits, _lengthBits) = (addressBits, lengthBits);
        _addressMask = (1L << addressBits) - 1;
        _random = new Random(seed);
        WordsGranted = new long[ports];
        WordsRead = new long[ports];
        RunsGranted = new long[ports];
        MostRunsWaited = new long[ports];
        simulation.Attach(this);
    }

    /// <summary>Chance that a port with a run queued leaves its request idle this cycle (port, cycle).</summary>
    public Func<int, long, double> IdleProbability { get; set; } = (_, _) => 0;

    /// <summary>Chance that a port takes a read word this cycle (port, cycle).</summary>
    public Func<int, long, double> ReadyProbability { get; set; } = (_, _) => 1;

    public long[] WordsGranted { get; }
    public long[] WordsRead { get; }
    public long[] RunsGranted { get; }

    /// <summary>Per port: the most runs granted to other ports between it raising <c>waiting</c> and its own grant.</summary>
    public long[] MostRunsWaited { get; }

    /// <summary>Cycle of the first grant and of the last read word (−1 before).</summary>
    public long FirstGrantCycle { get; private set; } = -1;
    public long LastReadCycle { get; private set; } = -1;

    public int Queued(int port) => _ports[port].Runs.Count;

    public bool Done => _ports.All(p => p.Runs.Count == 0 && p.Expected.Count == 0);

    /// <summary>Queues a run on <paramref name="port"/>; it must fit the port (1..2^lengthBits words).</summary>
    public void Enqueue(int port, MemoryRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Words < 1 || run.Words > 1 << _lengthBits)
            throw new ArgumentOutOfRangeException(nameof(run), run.Words, $"a run is 1..{1 << _lengthBits} words");
        _ports[port].Runs.Enqueue(run);
    }

    public void Drive(Simulation simulation)
    {
        for (var i = 0; i < _ports.Length; i++)
        {
            var p = _ports[i];
            if (!p.Presenting && p.Runs.Count > 0 && _random.NextDouble() >= IdleProbability(i, simulation.Cycle))
            {
                p.Presenting = true;
                simulation.Poke(p.Request.Payload, Beat(p.Runs.Peek(), p.Beat));
            }
            simulation.Poke(p.Request.Valid, p.Presenting);
            p.ReadyNow = _random.NextDouble() < ReadyProbability(i, simulation.Cycle);
            simulation.Poke(p.Response.Ready, p.ReadyNow);
        }
    }

    public void Sample(Simulation simulation)
    {
        var waiting = _waiting is null ? 0 : simulation.Peek(_waiting);
        for (var i = 0; i < _ports.Length; i++)
            if ((waiting >> i & 1) != 0 && _ports[i].WaitingSince < 0) _ports[i].WaitingSince = _grants;
        for (var i = 0; i < _ports.Length; i++)
        {
            var p = _ports[i];
            if (p.Presenting && simulation.PeekBool(p.Request.Ready)) Moved(simulation, i, p);
            if (p.ReadyNow && simulation.PeekBool(p.Response.Valid)) Returned(simulation, i, p);
        }
    }

    private void Moved(Simulation simulation, int index, Port p)
    {
        var run = p.Runs.Peek();
        p.Presenting = false;
        if (_inWriteRun >= 0 && _inWriteRun != index)
            throw simulation.Failure($"port {index} moved a beat in the middle of port {_inWriteRun}'s write run");
        if (p.Beat == 0)
        {
            if (FirstGrantCycle < 0) FirstGrantCycle = simulation.Cycle;
            _grants++;
            RunsGranted[index]++;
            WordsGranted[index] += run.Words;
            if (p.WaitingSince >= 0) MostRunsWaited[index] = Math.Max(MostRunsWaited[index], _grants - 1 - p.WaitingSince);
            p.WaitingSince = -1;
            if (!run.Write)
            {
                for (var k = 0; k < run.Words; k++)
                {
                    _shadow.TryGetValue((run.Address + k) & _addressMask, out var word);
                    p.Expected.Enqueue((word, k == run.Words - 1));
                }
                p.Runs.Dequeue();
                return;
            }
        }
        var address = (run.Address + p.Beat) & _addressMask;
        _shadow.TryGetValue(address, out var old);
        var enables = run.ByteEnables[p.Beat];
        var keep = ((enables & 1) != 0 ? 0 : 0x00ff) | ((enables & 2) != 0 ? 0 : 0xff00);
        _shadow[address] = (ushort)((old & keep) | (run.Data[p.Beat] & ~keep));
        p.Beat++;
        _inWriteRun = index;
        if (p.Beat == run.Words)
        {
            p.Beat = 0;
            p.Runs.Dequeue();
            _inWriteRun = -1;
        }
    }

    private void Returned(Simulation simulation, int index, Port p)
    {
        var data = (ushort)simulation.Peek(p.Response.Payload);
        var last = simulation.PeekBool(p.Response.Last!);
        if (p.Expected.Count == 0) throw simulation.Failure($"port {index}: an extra read word 0x{data:x4}");
        var (expected, expectedLast) = p.Expected.Dequeue();
        if (data != expected || last != expectedLast)
            throw simulation.Failure($"port {index}, read word {WordsRead[index]}: got 0x{data:x4} last {last}, expected 0x{expected:x4} last {expectedLast}");
        WordsRead[index]++;
        LastReadCycle = simulation.Cycle;
    }

    private ulong Beat(MemoryRun run, int beat)
    {
        var a = _addressBits;
        var data = run.Write ? run.Data[beat] : 0UL;
        var enables = run.Write ? (ulong)run.ByteEnables[beat] : 3UL;
        return ((ulong)run.Address & (ulong)_addressMask) | (run.Write ? 1UL << a : 0) | data << (a + 1) | enables << (a + 17) | (ulong)(run.Words - 1) << (a + 19);
    }
}
