using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>What elaboration and the emitter need of a <see cref="Fsm{TState}"/>: its register, states and checks.</summary>
internal sealed class StateMachineInfo(Signal register, IReadOnlyList<NamedConstExpr> states, IReadOnlyList<string> labels, Action check)
{
    public Signal Register { get; } = register;

    /// <summary>The states as named constants, in the enum's order (state i has the code i).</summary>
    public IReadOnlyList<NamedConstExpr> States { get; } = states;

    /// <summary>The enum member names, for the text signal.</summary>
    public IReadOnlyList<string> Labels { get; } = labels;

    /// <summary>Throws an <see cref="HdlException"/> for an unhandled or unreachable state.</summary>
    public Action Check { get; } = check;
}
