namespace Zfpe.Flow.Timing;

/// <summary>A routed connection from a driver pin to a sink pin (an SDF INTERCONNECT), its maximum delay in ns.</summary>
public sealed record SdfInterconnect(TimingPin From, TimingPin To, double DelayNs);
