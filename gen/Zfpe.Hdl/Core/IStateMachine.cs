namespace Zfpe.Hdl;

/// <summary>What naming needs of any <see cref="Fsm{TState}"/>: its state register, named after the member that holds the machine.</summary>
internal interface IStateMachine
{
    Component Owner { get; }
    UInt State { get; }
}
