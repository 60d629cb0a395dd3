namespace Zfpe.Flow;

/// <summary>The maximum frequency nextpnr achieved for one clock, against its constraint.</summary>
public sealed record ClockTiming(string Clock, double AchievedMhz, double ConstraintMhz)
{
    public bool Met => AchievedMhz >= ConstraintMhz;
}
