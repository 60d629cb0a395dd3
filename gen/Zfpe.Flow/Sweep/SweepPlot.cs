namespace Zfpe.Flow.Sweep;

/// <summary>One plot of a sweep report: its name, title, and the image files drawn (relative to the output directory; empty when not drawn).</summary>
public sealed record SweepPlot(string Name, string Title, IReadOnlyList<string> Images);
