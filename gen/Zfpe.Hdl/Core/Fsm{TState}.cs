using System.Numerics;
using System.Runtime.CompilerServices;
using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>
/// A state machine over the C# enum <typeparamref name="TState"/>, built inside a component's
/// constructor:
/// <code>
/// var fsm = new Fsm&lt;ParserState&gt;(ParserState.Idle);
/// fsm.On(ParserState.Idle, () => When(start, () => fsm.Next(ParserState.Header)));
/// fsm.On(ParserState.Header, () => ...);
/// </code>
/// The state register is sized for the enum (state i of the enum's declaration order has code i),
/// resets to <c>initial</c>, and keeps its value unless <see cref="Next"/> is called (a code that is
/// no state, if the register has spare ones, leads back to <c>initial</c>). In the
/// Verilog the states are localparams (<c>STATE_IDLE</c>) and, in simulation, a text signal
/// <c>state_name</c> shows the state's name in a waveform viewer. Elaboration fails, naming the C#
/// line, when a state has no <see cref="On"/> (unhandled) or is neither the initial state nor the
/// target of any <see cref="Next"/> (unreachable).
/// </summary>
public sealed class Fsm<TState> : IStateMachine where TState : struct, Enum
{
    private readonly Component owner;
    private readonly TState[] states = Enum.GetValues<TState>();
    private readonly NamedConstExpr[] codes;
    private readonly HashSet<int> handled = [];
    private readonly HashSet<int> entered = [];
    private SwitchStmt? cases;
    private readonly int initialIndex;

    public Fsm(TState initial, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Declared = SourceLocation.Of(file, line);
        owner = Construction.Current ?? throw new HdlException(Declared, "a state machine can only be made inside a component constructor");
        if (states.Length == 0) throw new HdlException(Declared, $"{typeof(TState).Name} has no members: a state machine needs at least one state");
        if (states.Distinct().Count() != states.Length)
            throw new HdlException(Declared, $"{typeof(TState).Name} has members with the same value; give every state its own value");
        var width = Math.Max(1, (int)Math.Ceiling(Math.Log2(states.Length)));
        var register = owner.Declare(SignalRole.Register, HdlKind.Unsigned, width, name, Declared);
        register.FallbackName = "state";
        register.ResetValue = Index(initial, Declared);
        State = new UInt(new SignalExpr(register));
        codes = states.Select((s, i) => new NamedConstExpr(() => $"{register.Name!.ToUpperInvariant()}_{Component.SnakeCase(s.ToString()).ToUpperInvariant()}",
            HdlKind.Unsigned, width, i)).ToArray();
        initialIndex = Index(initial, Declared);
        entered.Add(initialIndex);
        owner.StateMachines.Add(new StateMachineInfo(register, codes, states.Select(s => s.ToString()).ToList(), Check));
    }

    Component IStateMachine.Owner => owner;

    /// <summary>Where the state machine was made.</summary>
    public SourceLocation Declared { get; }

    /// <summary>The state register (its code; compare with <see cref="Is"/>).</summary>
    public UInt State { get; }

    /// <summary>The state machine is in <paramref name="state"/>.</summary>
    public Bool Is(TState state, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        State == new UInt(codes[Index(state, SourceLocation.Of(file, line))]);

    /// <summary>Goes to <paramref name="state"/> at the coming clock edge (conditional inside When/Switch bodies).</summary>
    public void Next(TState state, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var i = Index(state, SourceLocation.Of(file, line));
        entered.Add(i);
        State.Assign(new UInt(codes[i]), file, line);
    }

    /// <summary>What happens in <paramref name="state"/>: <paramref name="body"/>'s assignments apply while the machine is in it.</summary>
    public void On(TState state, Action body, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(body);
        var loc = SourceLocation.Of(file, line);
        var i = Index(state, loc);
        if (!handled.Add(i)) throw new HdlException(loc, $"state {typeof(TState).Name}.{state} already has its On(...) at an earlier line; put all of its logic in one");
        if (!ReferenceEquals(Construction.Current, owner))
            throw new HdlException(loc, $"the state machine's states are described in the constructor of {owner.GetType().Name}, which made it");
        // The states' bodies go into one case statement where the first On is; when other statements
        // were recorded since, a new case statement starts here, so that the assignments keep their
        // C# order (the last one on a path wins) instead of moving before the statements in between.
        if (cases is null || !owner.IsLastRecorded(cases))
        {
            var first = cases is null;
            cases = new SwitchStmt(State.Node, loc) { Labels = [] };
            owner.Record(cases);
            // Codes no state has (a 5-state machine has 3 of them) lead back to the initial state: named
            // as their own case (not a default, which would also catch the states of a later case statement).
            if (first && BigInteger.One << State.Width != states.Length)
            {
                var unused = Enumerable.Range(states.Length, (1 << State.Width) - states.Length).Select(c => new BigInteger(c)).ToList();
                cases.Cases.Add((unused, [new AssignStmt(State.Signal!, codes[initialIndex], Declared)], Declared));
            }
        }
        var block = new List<Stmt>();
        cases.Cases.Add(([i], block, loc));
        cases.Labels![i] = codes[i];
        owner.RunScoped(block, body);
    }

    private void Check()
    {
        var name = State.Signal!.Name;
        for (var i = 0; i < states.Length; i++)
        {
            if (!handled.Contains(i))
                throw new HdlException(Declared, $"state machine '{name}' ({typeof(TState).Name}): state {states[i]} is unhandled: add fsm.On({typeof(TState).Name}.{states[i]}, ...) (an empty body if nothing happens there)");
            if (!entered.Contains(i))
                throw new HdlException(Declared, $"state machine '{name}' ({typeof(TState).Name}): state {states[i]} is unreachable: it is not the initial state and no Next({typeof(TState).Name}.{states[i]}) leads to it");
        }
    }

    private int Index(TState state, SourceLocation loc)
    {
        var i = Array.IndexOf(states, state);
        return i >= 0 ? i : throw new HdlException(loc, $"{state} is not a member of {typeof(TState).Name}");
    }

    /// <summary>The code of <paramref name="state"/> in the state register.</summary>
    public BigInteger CodeOf(TState state) => Index(state, Declared);
}
