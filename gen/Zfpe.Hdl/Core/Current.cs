using System.Runtime.CompilerServices;

namespace Zfpe.Hdl;

/// <summary>
/// The component whose constructor is running, for helpers outside it (pipelines, stream parts,
/// a library's building blocks) that declare registers, wires and conditional logic in it:
/// <c>Current.Reg.Next(x)</c>, <c>Current.Wire.UInt(8)</c>, <c>Current.When(c, () => ...)</c>.
/// </summary>
public static class Current
{
    /// <summary>The innermost component under construction.</summary>
    public static Component Component => Construction.Current
        ?? throw new HdlException(SourceLocation.FromCallStack(), "hardware can only be described while a component's constructor runs");

    public static RegFactory Reg => new(Component);

    public static SignalFactory Wire => new(Component, SignalRole.Wire);

    /// <summary>Runs <paramref name="body"/>'s assignments only when <paramref name="condition"/> holds (as <c>When</c> inside a component).</summary>
    public static WhenBuilder When(Bool condition, Action body, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Component.WhenAt(condition, body, SourceLocation.Of(file, line));
}
