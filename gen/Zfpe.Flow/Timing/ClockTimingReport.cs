namespace Zfpe.Flow.Timing;

/// <summary>
/// The timing of one clock by static analysis of nextpnr's routed delays: the longest
/// register-to-register path, so the slack against the constraint and the Fmax; nextpnr's own
/// critical path for comparison; how many endpoints there are and how many fail; and the worst
/// paths, one per end register.
/// </summary>
public sealed record ClockTimingReport(
    string Clock,
    double ConstraintMhz,
    double WorstPathNs,
    int Endpoints,
    int FailingEndpoints,
    double? NextpnrCriticalPathNs,
    IReadOnlyList<TimingPathReport> Paths)
{
    /// <summary>Within this much (ns), the analysis and nextpnr's critical path are taken to agree.</summary>
    public const double AgreementNs = 0.005;

    public double PeriodNs => 1000 / ConstraintMhz;

    public double SlackNs => PeriodNs - WorstPathNs;

    public double FmaxMhz => 1000 / WorstPathNs;

    public bool Met => SlackNs >= 0;

    /// <summary>Null when nextpnr reported no critical path for this clock.</summary>
    public bool? AgreesWithNextpnr => NextpnrCriticalPathNs is { } n ? Math.Abs(n - WorstPathNs) <= AgreementNs : null;
}
