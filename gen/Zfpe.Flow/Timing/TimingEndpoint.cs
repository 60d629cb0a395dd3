namespace Zfpe.Flow.Timing;

/// <summary>
/// A register or memory input with a setup check, reached from registers of the same clock
/// domain: the latest arrival of data there, its setup time, and so the time the path needs
/// (<see cref="PathNs"/>, which the clock period must cover).
/// </summary>
public sealed record TimingEndpoint(TimingPin Pin, TimingPin ClockPin, string Domain, double ArrivalNs, double SetupNs)
{
    public double PathNs => ArrivalNs + SetupNs;
}
