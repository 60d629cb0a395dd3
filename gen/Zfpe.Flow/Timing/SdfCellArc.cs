namespace Zfpe.Flow.Timing;

/// <summary>A delay through a cell, from an input pin to an output pin (an SDF IOPATH), its maximum in ns.</summary>
public sealed record SdfCellArc(string FromPin, string ToPin, double DelayNs);
