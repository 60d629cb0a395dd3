using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>
/// A hardware module described in C#: subclass it and declare ports, wires, registers, memories,
/// sub-component instances and logic in the constructor. Parameters are constructor arguments;
/// register the ones that change the hardware with <see cref="Param{T}"/> so that two
/// configurations never share a module name.
/// </summary>
public abstract class Component
{
    private readonly Stack<List<Stmt>> scopes = new();

    protected Component([CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Declared = string.IsNullOrEmpty(file) ? ConstructorLocation() : SourceLocation.Of(file, line);
        scopes.Push(Body);
        Construction.Push(this);
    }

    /// <summary>Where the component's constructor is.</summary>
    public SourceLocation Declared { get; }

    public Component? Parent { get; private set; }

    /// <summary>The instance name inside the parent (from the C# member that holds it, or given explicitly).</summary>
    public string? InstanceName { get; internal set; }
    internal bool ExplicitInstanceName { get; private set; }
    internal SourceLocation InstanceLocation { get; private set; }

    internal List<Signal> Signals { get; } = [];
    internal List<Component> Children { get; } = [];
    internal List<Memory> Memories { get; } = [];
    internal List<IStream> Streams { get; } = [];
    internal List<Bundle> Bundles { get; } = [];
    internal List<StateMachineInfo> StateMachines { get; } = [];
    internal List<Stmt> Body { get; } = [];
    internal List<PadAttachment> Attachments { get; } = [];
    internal List<(string Name, string Value, bool IsDefault)> ParameterList { get; } = [];
    internal Bool? ExplicitClock { get; private set; }
    internal Bool? ExplicitReset { get; private set; }
    internal SourceLocation ClockLocation { get; private set; }

    /// <summary>The declared ports, in declaration order.</summary>
    public IEnumerable<Signal> Ports => Signals.Where(s => s.IsPort);

    /// <summary>Parameters registered with <see cref="Param{T}"/>, in order.</summary>
    public IReadOnlyList<(string Name, string Value, bool IsDefault)> Parameters => ParameterList;

    /// <summary>The module name without parameters: the class name in snake_case by default.</summary>
    public virtual string ModuleBaseName
    {
        get
        {
            var name = GetType().Name;
            var tick = name.IndexOf('`'); // a generic class: StreamFifo`1 -> stream_fifo (register the payload with Param)
            return SnakeCase(tick < 0 ? name : name[..tick]);
        }
    }

    /// <summary>
    /// The Verilog module name: the base name plus every non-default parameter, as
    /// <c>_name{value}</c> for a number (<c>_lanes4</c>, <c>_exponent_bits9</c>), <c>_name</c> for a set flag
    /// (<c>_bram</c>), <c>_no_name</c> for a cleared one, <c>_name_value</c> for a choice (<c>_rounding_nearest</c>).
    /// </summary>
    public string ModuleName
    {
        get
        {
            var sb = new StringBuilder(ModuleBaseName);
            foreach (var (name, value, isDefault) in ParameterList)
            {
                if (isDefault) continue;
                var n = SnakeCase(name);
                sb.Append('_').Append(value switch
                {
                    "true" => n,
                    "false" => "no_" + n,
                    _ when value.Length > 0 && (char.IsAsciiDigit(value[0]) || value[0] == '-') => n + Sanitize(value),
                    _ => n + "_" + Sanitize(value.Replace('-', '_')),
                });
            }
            return sb.ToString();
        }
    }

    /// <summary>Records a parameter of this hardware; non-default values become part of the module name.</summary>
    protected void Param<T>(string name, T value, T defaultValue) where T : notnull =>
        ParameterList.Add((name, value is bool b ? (b ? "true" : "false") : Convert.ToString(value, CultureInfo.InvariantCulture)!,
            EqualityComparer<T>.Default.Equals(value, defaultValue)));

    /// <summary>
    /// Records every parameter <paramref name="config"/> declares with <see cref="ParameterAttribute"/>
    /// (checked against its declaration): the config record is the one place a parameter is described.
    /// Parameters named in <paramref name="omit"/> are left out (a config shared by components that
    /// do not all take every parameter); the component must refuse their non-default values itself.
    /// </summary>
    protected void Params(object config, params string[] omit)
    {
        ConfigParameters.Check(config);
        foreach (var (spec, value, isDefault) in ConfigParameters.Values(config))
            if (!omit.Contains(spec.Name))
                ParameterList.Add((spec.Name, spec.Type == typeof(bool) ? (value == "1" ? "true" : "false") : value, isDefault));
    }

    /// <summary>Declares input ports: <c>In.UInt(8)</c>, <c>In.Bool()</c>, <c>In.Stream(32)</c> (a stream this component consumes).</summary>
    protected SignalFactory In => new(this, SignalRole.Input);

    /// <summary>Declares output ports: <c>Out.UInt(8)</c>, <c>Out.Stream(32)</c> (a stream this component produces).</summary>
    protected SignalFactory Out => new(this, SignalRole.Output);

    /// <summary>
    /// Declares bidirectional ports (Verilog <c>inout</c>) for board pads: <c>InOut.UInt(16, "sdram_d")</c>.
    /// They carry no logic: <see cref="Attach"/> joins them to the inout pins of instances (an I/O
    /// buffer such as the ECP5's BB), bit by bit or whole. A simulation bridge drives no inout port,
    /// so a design with one is for synthesis; simulate a variant that splits the pad.
    /// </summary>
    protected SignalFactory InOut => new(this, SignalRole.InOut);

    /// <summary>Declares combinational wires: <c>Wire.UInt(8)</c>.</summary>
    protected SignalFactory Wire => new(this, SignalRole.Wire);

    /// <summary>Declares registers: <c>Reg.UInt(8, reset: 0)</c>, <c>Reg.Next(x)</c>.</summary>
    protected RegFactory Reg => new(this);

    /// <summary>A memory of <paramref name="depth"/> words of <paramref name="width"/> bits (block RAM when large).</summary>
    protected Memory Mem(int width, int depth, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var loc = SourceLocation.Of(file, line);
        if (width < 1) throw new HdlException(loc, $"memory width {width} is invalid: it must be at least 1 bit");
        if (depth < 2) throw new HdlException(loc, $"memory depth {depth} is invalid: it must be at least 2 words");
        var m = new Memory(this, width, depth, name, loc);
        Memories.Add(m);
        return m;
    }

    /// <summary>Adds <paramref name="child"/> (just constructed) as a sub-component instance.</summary>
    protected T Instance<T>(T child, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) where T : Component
    {
        var loc = SourceLocation.Of(file, line);
        Construction.FinishChild(child, loc);
        Construction.RequireInnermost(this, loc);
        if (child.Parent is not null) throw new HdlException(loc, $"this {child.GetType().Name} is already an instance in {child.Parent.GetType().Name}");
        child.Parent = this;
        child.InstanceName = name;
        child.ExplicitInstanceName = name is not null;
        child.InstanceLocation = loc;
        Children.Add(child);
        return child;
    }

    /// <summary>
    /// Joins the inout pin <paramref name="childPin"/> of a direct sub-component to
    /// <paramref name="pad"/>: an inout port of this component, or bits of one (<c>pad[3]</c>,
    /// <c>pad[7, 0]</c>). Each child inout pin is attached exactly once.
    /// </summary>
    protected void Attach(HdlValue childPin, HdlValue pad, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(childPin);
        ArgumentNullException.ThrowIfNull(pad);
        var loc = SourceLocation.Of(file, line);
        if (childPin.Node is not SignalExpr { Signal: { Role: SignalRole.InOut } pin } || !ReferenceEquals(pin.Owner.Parent, this))
            throw new HdlException(loc, $"Attach: the first argument must be an inout pin of an instance of {GetType().Name}");
        var (padSignal, lo) = pad.Node switch
        {
            SignalExpr { Signal: { Role: SignalRole.InOut } s } when ReferenceEquals(s.Owner, this) => (s, 0),
            SliceExpr { Operand: SignalExpr { Signal: { Role: SignalRole.InOut } s } } slice when ReferenceEquals(s.Owner, this) => (s, slice.Lo),
            _ => throw new HdlException(loc, $"Attach: the pad must be an inout port of {GetType().Name} or bits of one, not an expression"),
        };
        if (pad.Width != pin.Width)
            throw new HdlException(loc, $"Attach: width mismatch: the pin is {pin.Width} bits, the pad {pad.Width}");
        if (Attachments.Any(a => ReferenceEquals(a.ChildPin, pin)))
            throw new HdlException(loc, $"Attach: this inout pin of {pin.Owner.GetType().Name} is already attached");
        Attachments.Add(new PadAttachment(pin, padSignal, lo, pad.Width, loc));
    }

    /// <summary>Runs <paramref name="body"/>'s assignments only when <paramref name="condition"/> holds.</summary>
    protected WhenBuilder When(Bool condition, Action body, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        WhenAt(condition, body, SourceLocation.Of(file, line));

    internal WhenBuilder WhenAt(Bool condition, Action body, SourceLocation loc)
    {
        var stmt = new WhenStmt(loc);
        Record(stmt);
        var builder = new WhenBuilder(this, stmt);
        builder.AddBranch(condition, body, loc);
        return builder;
    }

    /// <summary>A case statement over <paramref name="selector"/>: <c>Switch(state, s => { s.Is(0, () => ...); s.Default(() => ...); })</c>.</summary>
    protected void Switch(HdlValue selector, Action<SwitchBuilder> cases, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var loc = SourceLocation.Of(file, line);
        if (selector.Kind == HdlKind.Signed) throw new HdlException(loc, "a Switch selector must be a UInt or a Bool; convert an SInt with AsUInt()");
        var stmt = new SwitchStmt(selector.Node, loc);
        Record(stmt);
        cases(new SwitchBuilder(this, stmt));
    }

    /// <summary>
    /// Clocks this component's registers and children from <paramref name="clock"/> (and resets
    /// them from <paramref name="reset"/>) instead of the implicit clk/reset ports: for board tops
    /// whose clock comes from a PLL.
    /// </summary>
    protected void UseClock(Bool clock, Bool? reset, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ExplicitClock = clock;
        ExplicitReset = reset;
        ClockLocation = SourceLocation.Of(file, line);
    }

    internal void Record(Stmt stmt)
    {
        if (!ReferenceEquals(Construction.Current, this))
            throw new HdlException(stmt.Location, $"logic for {GetType().Name} can only be described while its constructor runs");
        scopes.Peek().Add(stmt);
    }

    internal void RunScoped(List<Stmt> scope, Action body)
    {
        scopes.Push(scope);
        try
        {
            body();
        }
        finally
        {
            scopes.Pop();
        }
    }

    internal bool IsAtTopScope => scopes.Count == 1;

    /// <summary>Whether <paramref name="stmt"/> is the last statement recorded in the current scope (nothing came after it).</summary>
    internal bool IsLastRecorded(Stmt stmt) => scopes.Peek() is { Count: > 0 } scope && ReferenceEquals(scope[^1], stmt);

    /// <summary>
    /// Where the subclass constructor is, when the compiler gave no caller info (an implicit
    /// base() call): the nearest stack frame inside the subclass's constructor.
    /// </summary>
    private SourceLocation ConstructorLocation()
    {
        var frames = new System.Diagnostics.StackTrace(1, true).GetFrames();
        foreach (var f in frames)
            if (f.GetMethod() is System.Reflection.ConstructorInfo ctor && SameClass(ctor.DeclaringType) && f.GetFileName() is { } path)
                return SourceLocation.Of(path, f.GetFileLineNumber());
        return new SourceLocation(GetType().Name + ".cs", 0);
    }

    /// <summary>Whether a stack frame's class is this component's (for a generic class, shared code reports the open definition).</summary>
    private bool SameClass(Type? t) =>
        t == GetType() || (t is { IsGenericType: true } && GetType().IsGenericType && t.GetGenericTypeDefinition() == GetType().GetGenericTypeDefinition());

    internal Signal Declare(SignalRole role, HdlKind kind, int width, string? name, SourceLocation loc)
    {
        if (width < 1) throw new HdlException(loc, $"a signal needs a width of at least 1 bit, not {width}");
        var s = new Signal(this, role, kind, width, name, loc);
        Signals.Add(s);
        return s;
    }

    /// <summary>The C# class name as written in source: <c>StreamQueue&lt;UInt&gt;</c> for a generic one.</summary>
    public string ClassName => ReadableName(GetType());

    private static string ReadableName(Type t) =>
        !t.IsGenericType ? t.Name : $"{t.Name[..t.Name.IndexOf('`')]}<{string.Join(", ", t.GetGenericArguments().Select(ReadableName))}>";

    public override string ToString() => InstanceName is null ? ModuleName : $"{InstanceName} ({ModuleName})";

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var prevLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextLower = i + 1 < name.Length && char.IsLower(name[i + 1]) && i > 0 && char.IsUpper(name[i - 1]);
                if (prevLowerOrDigit || nextLower) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c == '-' ? '_' : c);
        }
        return sb.ToString();
    }

    private static string Sanitize(string value)
    {
        var sb = new StringBuilder();
        foreach (var c in value)
            sb.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : c == '-' ? 'm' : c == '.' ? 'p' : '_');
        return sb.ToString();
    }
}
