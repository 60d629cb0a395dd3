namespace Zfpe.Flow.Timing;

/// <summary>What a step of a timing path is: a clock-to-output delay, a cell's logic delay, a routed net, or the setup time at the end.</summary>
public enum TimingArcKind
{
    ClockToOutput,
    Cell,
    Net,
    Setup,
}
