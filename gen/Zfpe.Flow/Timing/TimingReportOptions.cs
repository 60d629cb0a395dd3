using System.Globalization;

namespace Zfpe.Flow.Timing;

/// <summary>
/// Which clocks get worst paths in the report and how many: a clock is reported when its worst
/// slack is below <see cref="MarginPercent"/> of its period (so failing clocks always are, and
/// clocks that pass with little room too), with up to <see cref="Paths"/> endpoint registers,
/// each a register or memory whose bits are grouped.
/// </summary>
public sealed record TimingReportOptions(int Paths = TimingReportOptions.DefaultPaths, double MarginPercent = TimingReportOptions.DefaultMarginPercent)
{
    public const int DefaultPaths = 5;
    public const double DefaultMarginPercent = 10;
    public const int MaxPaths = 100;

    /// <summary>Whether a clock with this constraint and Fmax is failing or within the margin.</summary>
    public bool Reports(double constraintMhz, double achievedMhz) =>
        achievedMhz <= 0 || 1000 / constraintMhz - 1000 / achievedMhz < MarginNs(constraintMhz);

    /// <summary>The slack below which an endpoint is reported, for a clock of this frequency.</summary>
    public double MarginNs(double constraintMhz) => MarginPercent / 100 * (1000 / constraintMhz);

    public void Validate()
    {
        if (Paths is < 1 or > MaxPaths)
            throw new ArgumentException($"--timing-paths must be a number of paths in 1..{MaxPaths}; got {Paths}");
        if (!double.IsFinite(MarginPercent) || MarginPercent is < 0 or > 100)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "--timing-margin must be a percentage of the clock period in 0..100; got {0}", MarginPercent));
    }
}
