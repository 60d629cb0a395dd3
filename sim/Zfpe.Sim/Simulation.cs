using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Zfpe.Hdl;
using Zfpe.Hdl.Emit;

namespace Zfpe.Sim;

/// <summary>
/// One running instance of a compiled design, driven cycle by cycle.
/// <para>
/// A cycle (<see cref="Step()"/>) is: attached agents drive inputs; the clock goes low and the
/// model settles (combinational outputs now reflect this cycle's inputs); agents sample what fires
/// at the coming edge; the clock rises. Inputs poked before a step are therefore sampled at that
/// step's rising edge. Between steps, after poking inputs, call <see cref="Eval"/> before reading
/// combinational outputs. Waves record both points of every cycle: cycle c settles at time 10·c
/// and its rising edge is at 10·c + 5. A design without a clock (purely combinational) steps
/// through the same phases, the edge being one more evaluation, so stream agents and benches
/// drive it as they drive a clocked one.
/// </para>
/// Not thread-safe: drive each simulation from one thread (separate simulations run in parallel).
/// </summary>
public sealed unsafe class Simulation : IDisposable
{
    private readonly NativeModelLibrary _lib;
    private readonly SimPort[] _ports;
    private readonly Dictionary<string, SimPort> _byName;
    private readonly bool _suppressGc;
    private readonly bool _fastCycles;
    private ICycleAgent[] _agents = [];
    private nint _instance;
    private readonly Component? _top;

    // Verilator finds a model's context through a thread-local; rebinding it on every call would
    // cost more than the call, so each thread remembers which simulation it is bound to.
    [ThreadStatic] private static long t_boundSimulation;
    private static long s_lastId;
    private readonly long _id = Interlocked.Increment(ref s_lastId);

    internal Simulation(CompiledModel model, string name, string wavePath, Component? top)
    {
        Model = model;
        _top = top;
        Name = name;
        _lib = model.Library;
        _instance = _lib.Create();
        _ports = new SimPort[model.Design.TopPorts.Count];
        for (var i = 0; i < _ports.Length; i++)
        {
            var address = _lib.PortAddress(_instance, i);
            if (address is null)
                throw new InvalidOperationException($"the library {model.LibraryPath} has no storage for port #{i}; delete {model.Directory} and rerun.");
            _ports[i] = new SimPort(this, i, model.Design.TopPorts[i], address);
        }
        _byName = _ports.ToDictionary(p => p.Name, StringComparer.Ordinal);
        Clock = _ports.FirstOrDefault(p => p.Role == PortRole.Clock);
        ResetPort = _ports.FirstOrDefault(p => p.Role == PortRole.Reset);

        PlannedWavePath = wavePath;

        if (model.Waves != WaveFormat.None)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(wavePath)!);
            var path = Encoding.UTF8.GetBytes(PlannedWavePath + "\0");
            int status;
            fixed (byte* p = path) status = _lib.WavesOpen(_instance, p);
            if (status != NativeModelLibrary.StatusOk)
            {
                var error = _lib.ErrorOf(_instance);
                Dispose();
                throw new IOException($"cannot record waves of {Name} into {PlannedWavePath}: {error}");
            }
            WavePath = PlannedWavePath;
        }
        // Waves do I/O inside the per-cycle calls: keep the GC transition then.
        _suppressGc = WavePath is null;
        _fastCycles = _suppressGc;
        t_boundSimulation = 0; // creating a model rebinds the thread
        Check(_lib.Eval(Bound()));
    }

    /// <summary>Builds (or finds in the cache) and starts a design; the wave file is named after the caller.</summary>
    /// <exception cref="SimBuildException">a tool is missing or rejects the design.</exception>
    public static Simulation Create(EmittedDesign design, SimOptions? options = null, [CallerMemberName] string caller = "")
    {
        options ??= SimOptions.Default;
        ArgumentNullException.ThrowIfNull(design);
        if (design.TopPorts.FirstOrDefault(p => p.Direction == PortDirection.InOut) is { } pad)
            throw new ArgumentException($"'{design.TopModule}' has an inout port '{pad.Name}': the bridge drives no bidirectional pad; simulate a variant of the design that splits it into in, out and enable", nameof(design));
        var cache = options.CacheDirectory is null ? ModelCache.Default : ModelCache.For(options.ResolveCacheDirectory());
        return cache.GetOrBuild(design, options).Start(design.Top, options, caller);
    }

    ~Simulation() => Release();

    public CompiledModel Model { get; }
    public EmittedDesign Design => Model.Design;

    /// <summary>
    /// The component this simulation was started from, when it was (<see cref="Create"/> of an
    /// emitted component, <see cref="CompiledModel.Start"/> with a top): its port members are what
    /// <see cref="Port(IHdlData)"/> takes. <see cref="Design"/> is the cached model's design, whose
    /// own top may be another instance of the same component.
    /// </summary>
    public Component? Top => _top;

    /// <summary>Names the wave file and appears in failure messages.</summary>
    public string Name { get; }

    /// <summary>Clock cycles completed since the start (0 during the first cycle).</summary>
    public long Cycle { get; private set; }

    /// <summary>The wave file being written, or null when waves are off.</summary>
    public string? WavePath { get; }

    /// <summary>Where this simulation's waves go when they are on: failure messages name it either way.</summary>
    public string PlannedWavePath { get; }

    /// <summary>True once the design executed $finish (the simulation can still be stepped).</summary>
    public bool Finished { get; private set; }

    public IReadOnlyList<SimPort> Ports => _ports;
    public SimPort? Clock { get; }
    public SimPort? ResetPort { get; }

    public IReadOnlyList<ICycleAgent> Agents => _agents;

    /// <summary>"waves: PATH", or how to get them: the tail of every failure message.</summary>
    public string WaveNote => WavePath is not null
        ? $"waves: {WavePath}"
        : $"waves: off (rerun with {EnvironmentVariables.Waves}=1 or SimOptions.Waves = WaveFormat.Fst to write {PlannedWavePath})";

    public SimPort Port(string name) =>
        _byName.TryGetValue(name, out var port)
            ? port
            : throw new ArgumentException($"module '{Design.TopModule}' has no port '{name}'; its ports are: {string.Join(", ", _ports.Select(p => p.Name))}", nameof(name));

    public SimPort Port(PortInfo port) => Port(port.Name);

    /// <summary>The stream port <paramref name="name"/>: <c>name_valid</c>, <c>name_ready</c>, <c>name_payload</c> and optionally <c>name_last</c>.</summary>
    public StreamPorts Stream(string name) => StreamPorts.Find(this, name);

    /// <summary>
    /// The port of a top-level port member of the simulated component (<c>sim.Port(top.Enable)</c>),
    /// or, for a bundle port, one port made of its fields (first field in the least significant bits).
    /// Addressing ports through the C# members makes a rename a compile error, not a test failure.
    /// </summary>
    public SimPort Port(IHdlData member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member is Bundle bundle)
        {
            var parts = bundle.Leaves.Select(l => Port(l)).ToArray();
            return parts.Length == 1 ? parts[0] : new SimPort(this, string.Join("+", parts.Select(p => p.Name)), parts);
        }
        var value = (HdlValue)member;
        var signal = value.Signal
            ?? throw new ArgumentException($"an expression ({value}) is not a port; pass a port member of the top component.", nameof(member));
        // Without the component it was started from, a port of the same module is the best one can check.
        var ofTop = _top is { } top ? ReferenceEquals(signal.Owner, top) : signal.Owner.Parent is null && signal.Owner.ModuleName == Design.TopModule;
        if (!signal.IsPort || !ofTop || signal.Name is null)
            throw new ArgumentException(
                $"{signal.Owner.GetType().Name}.{signal.Name ?? "?"} ({signal.Role.ToString().ToLowerInvariant()}, declared at {signal.Declared}) is not a port of " +
                $"the component this simulation runs (top module '{Design.TopModule}'){(signal.IsPort && !ofTop ? ": it belongs to another instance" : "")}.", nameof(member));
        return Port(signal.Name);
    }

    /// <summary>The ports of a stream member of the simulated component (<c>sim.Stream(top.Values)</c>).</summary>
    public StreamPorts Stream<T>(Stream<T> stream) where T : class, IHdlData => StreamPorts.Of(this, stream);

    public void Poke(IHdlData member, ulong bits) => Poke(Port(member), bits);
    public void Poke(IHdlData member, long value) => Poke(Port(member), value);
    public void Poke(IHdlData member, bool value) => Poke(Port(member), value);
    public void Poke(IHdlData member, BigInteger value) => Poke(Port(member), value);
    public ulong Peek(IHdlData member) => Peek(Port(member));
    public long PeekSigned(IHdlData member) => PeekSigned(Port(member));
    public bool PeekBool(IHdlData member) => PeekBool(Port(member));
    public BigInteger PeekBig(IHdlData member) => PeekBig(Port(member));

    // ---- poke -------------------------------------------------------------------------------

    /// <summary>Sets an input to a raw bit pattern, which must fit the port's width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Poke(SimPort port, ulong bits)
    {
        if (!ReferenceEquals(port.Owner, this) | !port.Writable | (bits & ~port.Mask) != 0 | _instance == 0)
        {
            PokeSlow(port, bits);
            return;
        }
        Store(port, bits);
    }

    /// <summary>Sets an input to a number: two's complement for a signed port, non-negative otherwise.</summary>
    public void Poke(SimPort port, long value)
    {
        CheckWritable(port);
        if (port.Width >= 64 ? !port.IsSigned && value < 0 : !Fits(port, value)) throw DoesNotFit(port, value.ToString());
        if ((port.Width > 64 && value < 0) || port.Parts is not null)
        {
            Poke(port, new BigInteger(value));
            return;
        }
        Store(port, (ulong)value & port.Mask);
    }

    public void Poke(SimPort port, bool value)
    {
        if (port.Width != 1)
            throw new ArgumentException($"port '{port.Name}' is {port.Width} bits wide; poke a bool only into a 1-bit port, or poke a number.", nameof(port));
        Poke(port, value ? 1UL : 0UL);
    }

    /// <summary>Sets an input of any width to a number: two's complement for a signed port, non-negative otherwise.</summary>
    public void Poke(SimPort port, BigInteger value)
    {
        CheckWritable(port);
        var min = port.IsSigned ? -(BigInteger.One << (port.Width - 1)) : BigInteger.Zero;
        var max = port.IsSigned ? (BigInteger.One << (port.Width - 1)) - 1 : (BigInteger.One << port.Width) - 1;
        if (value < min || value > max) throw DoesNotFit(port, value.ToString());
        var bits = value < 0 ? (BigInteger.One << port.Width) + value : value;
        Span<uint> words = port.Words <= 16 ? stackalloc uint[port.Words] : new uint[port.Words];
        for (var i = 0; i < words.Length; i++) words[i] = (uint)((bits >> (32 * i)) & uint.MaxValue);
        SetWords(port, words);
    }

    /// <summary>Sets an input from 32-bit words, least significant first; bits above the width must be zero.</summary>
    public void Poke(SimPort port, ReadOnlySpan<uint> words)
    {
        CheckWritable(port);
        if (words.Length != port.Words)
            throw new ArgumentException($"port '{port.Name}' is {port.Width} bits: poke it with {port.Words} words, not {words.Length}.", nameof(words));
        var topBits = port.Width % 32;
        if (topBits != 0 && (words[^1] >> topBits) != 0)
            throw DoesNotFit(port, "0x" + string.Concat(words.ToArray().Reverse().Select(w => w.ToString("x8"))));
        SetWords(port, words);
    }

    public void Poke(string port, ulong bits) => Poke(Port(port), bits);
    public void Poke(string port, long value) => Poke(Port(port), value);
    public void Poke(string port, bool value) => Poke(Port(port), value);
    public void Poke(string port, BigInteger value) => Poke(Port(port), value);
    public void Poke(PortInfo port, ulong bits) => Poke(Port(port), bits);
    public void Poke(PortInfo port, long value) => Poke(Port(port), value);
    public void Poke(PortInfo port, bool value) => Poke(Port(port), value);
    public void Poke(PortInfo port, BigInteger value) => Poke(Port(port), value);
    public void Poke(string port, ReadOnlySpan<uint> words) => Poke(Port(port), words);
    public void Poke(PortInfo port, ReadOnlySpan<uint> words) => Poke(Port(port), words);

    // ---- peek -------------------------------------------------------------------------------

    /// <summary>The raw bits of a port up to 64 bits wide (wider ports: <see cref="PeekBig(SimPort)"/> or <see cref="PeekWords(SimPort)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Peek(SimPort port)
    {
        if (!ReferenceEquals(port.Owner, this) | port.Bytes == 0 | _instance == 0) return PeekSlow(port);
        return Load(port);
    }

    /// <summary>The bits of a port up to 64 bits wide read as two's complement.</summary>
    public long PeekSigned(SimPort port)
    {
        var bits = Peek(port);
        var shift = 64 - port.Width;
        return (long)(bits << shift) >> shift;
    }

    public bool PeekBool(SimPort port) => Peek(port) != 0;

    /// <summary>The value of a port of any width: two's complement for a signed port, non-negative otherwise.</summary>
    public BigInteger PeekBig(SimPort port)
    {
        Span<uint> words = port.Words <= 16 ? stackalloc uint[port.Words] : new uint[port.Words];
        PeekWords(port, words);
        var value = new BigInteger(MemoryMarshalBytes(words), isUnsigned: true);
        if (port.IsSigned && !(value >> (port.Width - 1)).IsZero) value -= BigInteger.One << port.Width;
        return value;
    }

    /// <summary>Copies the port's bits into <paramref name="words"/> (exactly <see cref="SimPort.Words"/> long), least significant first.</summary>
    public void PeekWords(SimPort port, Span<uint> words)
    {
        CheckReadable(port);
        if (words.Length != port.Words)
            throw new ArgumentException($"port '{port.Name}' is {port.Width} bits: read it into {port.Words} words, not {words.Length}.", nameof(words));
        if (port.Parts is { } parts)
        {
            words.Clear();
            var offset = 0;
            foreach (var part in parts)
            {
                BitFields.Insert(words, offset, part.Width, PeekWords(part));
                offset += part.Width;
            }
            return;
        }
        if (port.Bytes == 0)
        {
            new ReadOnlySpan<uint>(port.Address, port.Words).CopyTo(words);
            return;
        }
        var bits = Load(port);
        words[0] = (uint)bits;
        if (words.Length > 1) words[1] = (uint)(bits >> 32);
    }

    public uint[] PeekWords(SimPort port)
    {
        var words = new uint[port.Words];
        PeekWords(port, words);
        return words;
    }

    public ulong Peek(string port) => Peek(Port(port));
    public long PeekSigned(string port) => PeekSigned(Port(port));
    public bool PeekBool(string port) => PeekBool(Port(port));
    public BigInteger PeekBig(string port) => PeekBig(Port(port));
    public ulong Peek(PortInfo port) => Peek(Port(port));
    public long PeekSigned(PortInfo port) => PeekSigned(Port(port));
    public bool PeekBool(PortInfo port) => PeekBool(Port(port));
    public BigInteger PeekBig(PortInfo port) => PeekBig(Port(port));
    public uint[] PeekWords(string port) => PeekWords(Port(port));
    public uint[] PeekWords(PortInfo port) => PeekWords(Port(port));

    // ---- time -------------------------------------------------------------------------------

    /// <summary>Settles combinational logic after pokes, without a clock edge.</summary>
    public void Eval()
    {
        var h = Bound();
        if (_suppressGc) Check(_lib.EvalFast(h));
        else EvalWithTransition(h);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EvalWithTransition(nint h) => Check(_lib.Eval(h));

    /// <summary>One clock cycle (see the class summary for what happens within it).</summary>
    public void Step()
    {
        // Only GC-transition-free calls on this path: a single ordinary unmanaged call anywhere in
        // the method would make the JIT set up a P/Invoke frame on every cycle.
        if (!_fastCycles)
        {
            StepWithTransitions();
            return;
        }
        var h = Bound();
        var agents = _agents;
        for (var i = 0; i < agents.Length; i++) agents[i].Drive(this);
        Check(_lib.SettleFast(h));
        for (var i = 0; i < agents.Length; i++) agents[i].Sample(this);
        Check(_lib.EdgeFast(h));
        Cycle++;
    }

    /// <summary>A cycle when waves are on (their I/O must not block the GC), or the checks that make Step fail.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void StepWithTransitions()
    {
        var h = Bound();
        var agents = _agents;
        for (var i = 0; i < agents.Length; i++) agents[i].Drive(this);
        Check(_lib.Settle(h));
        for (var i = 0; i < agents.Length; i++) agents[i].Sample(this);
        Check(_lib.Edge(h));
        Cycle++;
    }

    /// <summary><paramref name="cycles"/> clock cycles; without agents they run in one native loop.</summary>
    public void Step(long cycles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cycles);
        if (_agents.Length == 0)
        {
            Check(StepNative(cycles));
            return;
        }
        for (long c = 0; c < cycles; c++) Step();
    }

    /// <summary>Cycles in one native loop; the cycle counter advances by those that completed.</summary>
    private int StepNative(long cycles)
    {
        ulong done;
        var status = _lib.Step(Bound(), (ulong)cycles, &done);
        Cycle += (long)done;
        return status;
    }

    /// <summary>Holds the reset high for <paramref name="cycles"/> cycles, then low. Agents pause meanwhile.</summary>
    public void Reset(int cycles = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cycles, 1);
        var reset = ResetPort ?? throw new InvalidOperationException(
            $"module '{Design.TopModule}' has no port with the Reset role; drive its reset-like input with Poke instead.");
        RequireClock();
        Store(reset, 1);
        Check(StepNative(cycles));
        Store(reset, 0);
    }

    /// <summary>
    /// Steps until <paramref name="condition"/> holds (checked before each cycle) and returns the
    /// cycles taken; throws <see cref="SimulationTimeoutException"/> after <paramref name="maxCycles"/>.
    /// </summary>
    public long RunUntil(Func<bool> condition, long maxCycles, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCycles);
        var start = Cycle;
        while (!condition())
        {
            if (Cycle - start >= maxCycles)
            {
                FlushWaves();
                throw new SimulationTimeoutException(
                    $"RunUntil: {description ?? "the condition"} did not hold within {maxCycles} cycles " +
                    $"(cycles {start} to {Cycle} of simulation '{Name}', module '{Design.TopModule}'); {WaveNote}",
                    Cycle, WavePath, maxCycles);
            }
            Step();
        }
        return Cycle - start;
    }

    // ---- agents -----------------------------------------------------------------------------

    /// <summary>Adds an agent that runs in every following cycle, after those attached before it.</summary>
    public T Attach<T>(T agent) where T : ICycleAgent
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (_agents.Contains(agent)) return agent;
        _agents = [.. _agents, agent];
        return agent;
    }

    public void Detach(ICycleAgent agent) => _agents = _agents.Where(a => !ReferenceEquals(a, agent)).ToArray();

    // ---- waves and lifetime -------------------------------------------------------------------

    /// <summary>Writes buffered wave data to disk, so the file can be opened while the simulation lives.</summary>
    public void FlushWaves()
    {
        if (WavePath is not null && _instance != 0) _lib.WavesFlush(_instance);
    }

    /// <summary>Builds the failure for a check that an agent or a test made at the current cycle.</summary>
    public SimulationException Failure(string message) =>
        new($"{message} (cycle {Cycle} of simulation '{Name}', wave time {10 * Cycle}); {WaveNote}", Cycle, WavePath);

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        var instance = Interlocked.Exchange(ref _instance, 0);
        if (instance != 0)
        {
            // Closing the waves happens inside destroy: the file is complete after Dispose.
            _lib.Destroy(instance);
            t_boundSimulation = 0; // destroying a model unbinds the thread
        }
    }

    /// <summary>The native instance, for tests of the C ABI itself.</summary>
    internal nint NativeInstance => Handle;

    /// <summary>The instance, with the calling thread bound to it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private nint Bound()
    {
        var h = Handle;
        if (t_boundSimulation != _id)
        {
            _lib.BindThread(h);
            t_boundSimulation = _id;
        }
        return h;
    }

    private nint Handle
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _instance != 0 ? _instance : throw new ObjectDisposedException(nameof(Simulation), $"simulation '{Name}' was disposed");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Check(int status)
    {
        if (status != NativeModelLibrary.StatusOk) HandleStatus(status);
    }

    private void HandleStatus(int status)
    {
        if (status == NativeModelLibrary.StatusFinished)
        {
            Finished = true;
            return;
        }
        var error = _lib.ErrorOf(_instance) ?? "unknown error";
        FlushWaves();
        throw new SimulationException($"the design stopped: {error} (cycle {Cycle} of simulation '{Name}', module '{Design.TopModule}'); {WaveNote}", Cycle, WavePath);
    }

    private void RequireClock()
    {
        if (Clock is null)
            throw new InvalidOperationException($"module '{Design.TopModule}' has no port with the Clock role, so it cannot be stepped; poke its inputs and call Eval().");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckWritable(SimPort port)
    {
        var writable = port.Parts is { } parts ? parts.All(p => p.Writable) : port.Writable;
        if (!ReferenceEquals(port.Owner, this) || !writable || _instance == 0) ThrowNotWritable(port);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckReadable(SimPort port)
    {
        if (!ReferenceEquals(port.Owner, this) || _instance == 0) ThrowNotWritable(port);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    /// <summary>A poke the fast path does not take: a port made of several, or an error to report.</summary>
    private void PokeSlow(SimPort port, ulong bits)
    {
        CheckWritable(port);
        if ((bits & ~port.Mask) != 0 || port.Parts is null) throw DoesNotFit(port, bits.ToString());
        Span<uint> words = stackalloc uint[port.Words];
        words[0] = (uint)bits;
        if (words.Length > 1) words[1] = (uint)(bits >> 32);
        SetWords(port, words);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    /// <summary>A peek the fast path does not take: a port made of several, or an error to report.</summary>
    private ulong PeekSlow(SimPort port)
    {
        CheckReadable(port);
        if (port.Parts is null || port.Width > 64)
            throw new ArgumentException($"port '{port.Name}' is {port.Width} bits wide; read it with PeekBig or PeekWords.", nameof(port));
        Span<uint> words = stackalloc uint[port.Words];
        PeekWords(port, words);
        return words.Length > 1 ? words[0] | (ulong)words[1] << 32 : words[0];
    }

    private void ThrowNotWritable(SimPort port)
    {
        _ = Handle; // disposed?
        if (!ReferenceEquals(port.Simulation, this))
            throw new ArgumentException($"port '{port.Name}' belongs to another simulation ('{port.Simulation.Name}').", nameof(port));
        if (!port.IsInput)
            throw new ArgumentException($"port '{port.Name}' is an output of '{Design.TopModule}'; only inputs can be poked.", nameof(port));
        throw new ArgumentException($"port '{port.Name}' is the clock, which the simulation drives; call Step() instead.", nameof(port));
    }

    /// <summary>Writes bits that fit the port straight into the model, as C++ code writes model->port.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(SimPort port, ulong bits)
    {
        switch (port.Bytes)
        {
            case 1: *(byte*)port.Address = (byte)bits; break;
            case 2: *(ushort*)port.Address = (ushort)bits; break;
            case 4: *(uint*)port.Address = (uint)bits; break;
            case 8: *(ulong*)port.Address = bits; break;
            default:
                var words = new Span<uint>(port.Address, port.Words);
                words.Clear();
                words[0] = (uint)bits;
                words[1] = (uint)(bits >> 32);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load(SimPort port) => port.Bytes switch
    {
        1 => *(byte*)port.Address,
        2 => *(ushort*)port.Address,
        4 => *(uint*)port.Address,
        8 => *(ulong*)port.Address,
        _ => ((uint*)port.Address)[0] | (ulong)((uint*)port.Address)[1] << 32,
    };

    private static bool Fits(SimPort port, long value) =>
        port.IsSigned
            ? value >= -(1L << (port.Width - 1)) && value <= (1L << (port.Width - 1)) - 1
            : value >= 0 && (ulong)value <= port.Mask;

    private static ArgumentOutOfRangeException DoesNotFit(SimPort port, string value) =>
        new(port.Name, $"{value} does not fit port '{port.Name}' ({port.Range()}).");

    private static void SetWords(SimPort port, ReadOnlySpan<uint> words)
    {
        if (port.Parts is { } parts)
        {
            var offset = 0;
            Span<uint> buffer = stackalloc uint[parts.Max(p => p.Words)];
            foreach (var part in parts)
            {
                var field = buffer[..part.Words];
                BitFields.Extract(words, offset, part.Width, field);
                SetWords(part, field);
                offset += part.Width;
            }
            return;
        }
        if (port.Bytes == 0)
        {
            words.CopyTo(new Span<uint>(port.Address, port.Words));
            return;
        }
        Store(port, words.Length > 1 ? words[0] | (ulong)words[1] << 32 : words[0]);
    }

    private static byte[] MemoryMarshalBytes(ReadOnlySpan<uint> words)
    {
        var bytes = new byte[words.Length * 4];
        for (var i = 0; i < words.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(4 * i), words[i]);
        return bytes;
    }
}
