namespace Zfpe.Flow.Timing;

/// <summary>
/// A setup check of a cell (an SDF SETUPHOLD or SETUP): data on <see cref="DataPin"/> must be
/// stable <see cref="SetupNs"/> (the maximum) before the rising edge on <see cref="ClockPin"/>.
/// </summary>
public sealed record SdfSetupCheck(string DataPin, string ClockPin, double SetupNs);
