using System.Numerics;

namespace Zfpe.Hdl;

/// <summary>
/// A declared net of a component: port, wire, register or memory read data. The IR refers to
/// signals by reference; names are given at elaboration (from C# member names where possible).
/// </summary>
public sealed class Signal
{
    internal Signal(Component owner, SignalRole role, HdlKind kind, int width, string? name, SourceLocation declared)
    {
        Owner = owner;
        Role = role;
        Kind = kind;
        Width = width;
        Name = name;
        ExplicitName = name is not null;
        Declared = declared;
    }

    public Component Owner { get; }
    public SignalRole Role { get; }
    public HdlKind Kind { get; }
    public int Width { get; }
    public SourceLocation Declared { get; }

    /// <summary>The Verilog name; null until elaboration names the signal (unless named explicitly).</summary>
    public string? Name { get; internal set; }
    internal bool ExplicitName { get; }

    /// <summary>A name to use when no C# member names the signal (helpers set it; still de-duplicated).</summary>
    internal string? FallbackName { get; set; }

    /// <summary>Reset value of a register as an unsigned bit pattern; null: no reset.</summary>
    public BigInteger? ResetValue { get; internal set; }

    /// <summary>Clock enable of a register: the register keeps its value when this is low.</summary>
    internal Ir.Expr? Enable { get; set; }

    public bool IsPort => Role is SignalRole.Input or SignalRole.Output or SignalRole.InOut;
    public bool IsState => Role is SignalRole.Register or SignalRole.MemoryReadData;

    /// <summary>A name for messages: the Verilog name, or where it was declared when it has none yet.</summary>
    public string Describe() => Name is not null
        ? $"'{Name}'"
        : $"the {Role.ToString().ToLowerInvariant()} declared at {Declared}";

    public override string ToString() => $"{Owner.GetType().Name}.{Name ?? "?"} ({Role}, {Kind} {Width})";
}
