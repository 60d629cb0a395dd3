using System.Globalization;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// Finds EHXPLLL divider settings for a requested clock. The search is exhaustive over
/// CLKI_DIV, CLKFB_DIV and CLKOP_DIV (1..128 each) within the ECP5 limits below, with feedback
/// from CLKOP (as nextpnr's ecppll, LiteX and Lattice's own tool do). Among the settings it ranks:
/// (1) the smallest total frequency error over all outputs, (2) the VCO nearest 600 MHz, the
/// middle of its range, (3) the smallest CLKI_DIV (a higher PFD means less jitter), (4) the
/// smallest CLKFB_DIV. Phase counters follow Lattice's convention: CPHASE = DIV - 1 is 0°.
/// </summary>
public static class PllSolver
{
    public const double InputMinMhz = 8.0;
    public const double InputMaxMhz = 400.0;
    public const double PfdMinMhz = 3.125;
    public const double PfdMaxMhz = 400.0;
    public const double VcoMinMhz = 400.0;
    public const double VcoMaxMhz = 800.0;
    public const double OutputMinMhz = 3.125;
    public const double OutputMaxMhz = 400.0;
    public const int DividerMax = 128;
    /// <summary>CLKOx_CPHASE is a 7-bit field.</summary>
    public const int CoarsePhaseMax = 127;
    /// <summary>CLKOS, CLKOS2, CLKOS3.</summary>
    public const int SecondaryOutputsMax = 3;

    private const double VcoPreferredMhz = (VcoMinMhz + VcoMaxMhz) / 2;
    // Frequencies are products and quotients of small integers and the input: equal within this.
    private const double Epsilon = 1e-9;

    private static readonly string[] OutputNames = ["CLKOP", "CLKOS", "CLKOS2", "CLKOS3"];

    /// <summary>A requested secondary output (CLKOS, CLKOS2, CLKOS3): frequency and phase shift.</summary>
    public sealed record SecondaryRequest(double FrequencyMhz, double PhaseDegrees = 0);

    /// <summary>Solves for one output (CLKOP) from <paramref name="inputMhz"/>.</summary>
    /// <param name="maxErrorMhz">When given, a best setting further than this from the request is an error.</param>
    public static PllSettings Solve(double inputMhz, double outputMhz, double? maxErrorMhz = null) =>
        Solve(inputMhz, outputMhz, [], maxErrorMhz);

    /// <summary>Solves for CLKOP and up to three secondary outputs sharing its VCO.</summary>
    public static PllSettings Solve(double inputMhz, double outputMhz, IReadOnlyList<SecondaryRequest> secondaries, double? maxErrorMhz = null)
    {
        CheckRequest(inputMhz, outputMhz, secondaries, maxErrorMhz);

        Candidate? best = null;
        for (var clkiDiv = 1; clkiDiv <= DividerMax; clkiDiv++)
        {
            var pfd = inputMhz / clkiDiv;
            if (pfd < PfdMinMhz - Epsilon) break; // PFD only falls from here on
            if (pfd > PfdMaxMhz + Epsilon) continue;
            for (var clkopDiv = 1; clkopDiv <= DividerMax; clkopDiv++)
            {
                // The VCO limits bound CLKFB_DIV for this CLKOP_DIV.
                var fbMin = Math.Max(1, (int)Math.Ceiling(VcoMinMhz / (pfd * clkopDiv) - Epsilon));
                var fbMax = Math.Min(DividerMax, (int)Math.Floor(VcoMaxMhz / (pfd * clkopDiv) + Epsilon));
                for (var clkfbDiv = fbMin; clkfbDiv <= fbMax; clkfbDiv++)
                {
                    var primary = pfd * clkfbDiv;
                    if (primary > OutputMaxMhz + Epsilon || primary < OutputMinMhz - Epsilon) continue;
                    var vco = primary * clkopDiv;
                    var error = Math.Abs(primary - outputMhz);
                    var secondaryDividers = new int[secondaries.Count];
                    var feasible = true;
                    for (var i = 0; i < secondaries.Count && feasible; i++)
                    {
                        feasible = TryNearestDivider(vco, secondaries[i].FrequencyMhz, out secondaryDividers[i], out var secondaryError);
                        error += secondaryError;
                    }
                    if (!feasible) continue;
                    var candidate = new Candidate(clkiDiv, clkfbDiv, clkopDiv, pfd, vco, error, secondaryDividers);
                    if (best is null || candidate.IsBetterThan(best)) best = candidate;
                }
            }
        }

        if (best is null)
            throw new ArgumentException(
                F("no EHXPLLL setting produces {0} MHz from {1} MHz within PFD {2}-{3} MHz, VCO {4}-{5} MHz and outputs {6}-{7} MHz",
                    outputMhz, inputMhz, PfdMinMhz, PfdMaxMhz, VcoMinMhz, VcoMaxMhz, OutputMinMhz, OutputMaxMhz),
                nameof(outputMhz));

        var settings = Build(inputMhz, outputMhz, secondaries, best);
        if (maxErrorMhz is { } tolerance)
        {
            foreach (var o in settings.Outputs)
            {
                if (Math.Abs(o.ErrorMhz) > tolerance + Epsilon)
                    throw new ArgumentException(
                        F("the nearest EHXPLLL setting gives {0} {1} MHz for the requested {2} MHz (error {3} MHz > the allowed {4} MHz); choose a frequency reachable from {5} MHz or allow a larger error",
                            o.Name, o.AchievedMhz, o.RequestedMhz, Math.Abs(o.ErrorMhz), tolerance, inputMhz),
                        nameof(maxErrorMhz));
            }
        }
        return settings;
    }

    private static void CheckRequest(double inputMhz, double outputMhz, IReadOnlyList<SecondaryRequest> secondaries, double? maxErrorMhz)
    {
        if (!double.IsFinite(inputMhz) || inputMhz < InputMinMhz || inputMhz > InputMaxMhz)
            throw new ArgumentOutOfRangeException(nameof(inputMhz), inputMhz,
                F("input frequency {0} MHz is outside the EHXPLLL input range {1}-{2} MHz", inputMhz, InputMinMhz, InputMaxMhz));
        CheckOutput(nameof(outputMhz), "CLKOP", outputMhz);
        if (secondaries.Count > SecondaryOutputsMax)
            throw new ArgumentOutOfRangeException(nameof(secondaries), secondaries.Count,
                F("the EHXPLLL has {0} secondary outputs (CLKOS, CLKOS2, CLKOS3); {1} were requested", SecondaryOutputsMax, secondaries.Count));
        for (var i = 0; i < secondaries.Count; i++)
        {
            CheckOutput(nameof(secondaries), OutputNames[i + 1], secondaries[i].FrequencyMhz);
            if (!double.IsFinite(secondaries[i].PhaseDegrees))
                throw new ArgumentOutOfRangeException(nameof(secondaries), secondaries[i].PhaseDegrees,
                    $"{OutputNames[i + 1]} phase must be a finite number of degrees");
        }
        if (maxErrorMhz is { } t && (!double.IsFinite(t) || t < 0))
            throw new ArgumentOutOfRangeException(nameof(maxErrorMhz), t, "the allowed frequency error must be a finite number of MHz >= 0");
    }

    private static void CheckOutput(string parameter, string output, double mhz)
    {
        if (!double.IsFinite(mhz) || mhz <= 0)
            throw new ArgumentOutOfRangeException(parameter, mhz, $"{output} frequency must be a positive number of MHz");
        if (mhz > OutputMaxMhz)
            throw new ArgumentOutOfRangeException(parameter, mhz,
                F("{0} frequency {1} MHz exceeds the EHXPLLL output limit of {2} MHz", output, mhz, OutputMaxMhz));
        if (mhz < OutputMinMhz)
            throw new ArgumentOutOfRangeException(parameter, mhz,
                F("{0} frequency {1} MHz is below the EHXPLLL output minimum of {2} MHz (VCO {3} MHz / divider {4})", output, mhz, OutputMinMhz, VcoMinMhz, DividerMax));
    }

    private static bool TryNearestDivider(double vco, double requestedMhz, out int divider, out double error)
    {
        divider = 0;
        error = double.PositiveInfinity;
        var ideal = vco / requestedMhz;
        foreach (var d in new[] { (int)Math.Floor(ideal), (int)Math.Ceiling(ideal) })
        {
            if (d < 1 || d > DividerMax) continue;
            var f = vco / d;
            if (f > OutputMaxMhz + Epsilon || f < OutputMinMhz - Epsilon) continue;
            var e = Math.Abs(f - requestedMhz);
            if (e < error - Epsilon) { divider = d; error = e; }
        }
        return divider != 0;
    }

    private static PllSettings Build(double inputMhz, double outputMhz, IReadOnlyList<SecondaryRequest> secondaries, Candidate c)
    {
        var outputs = new List<PllSettings.Output>
        {
            // CLKOP closes the loop, so its phase relative to the input is fixed by the feedback: 0°.
            new("CLKOP", c.ClkopDiv, c.ClkopDiv - 1, 0, outputMhz, c.Vco / c.ClkopDiv, 0, 0),
        };
        for (var i = 0; i < secondaries.Count; i++)
        {
            var name = OutputNames[i + 1];
            var div = c.SecondaryDividers[i];
            var phase = secondaries[i].PhaseDegrees % 360;
            if (phase < 0) phase += 360;
            // The phase counters count VCO cycles (coarse) and eighths of one (fine).
            var eighths = (int)Math.Round(phase / 360 * div * 8, MidpointRounding.AwayFromZero);
            if (eighths == div * 8) eighths = 0;
            var coarse = div - 1 + eighths / 8;
            if (coarse > CoarsePhaseMax)
                throw new ArgumentOutOfRangeException(nameof(secondaries), secondaries[i].PhaseDegrees,
                    F("{0} at {1} deg needs CPHASE {2}, above the 7-bit limit {3} (divider {4}); request a higher frequency or a smaller phase",
                        name, secondaries[i].PhaseDegrees, coarse, CoarsePhaseMax, div));
            outputs.Add(new(name, div, coarse, eighths % 8, secondaries[i].FrequencyMhz, c.Vco / div,
                secondaries[i].PhaseDegrees, eighths * 360.0 / (8.0 * div)));
        }
        return new PllSettings(inputMhz, c.ClkiDiv, c.ClkfbDiv, c.Pfd, c.Vco, outputs);
    }

    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private sealed record Candidate(int ClkiDiv, int ClkfbDiv, int ClkopDiv, double Pfd, double Vco, double Error, int[] SecondaryDividers)
    {
        public bool IsBetterThan(Candidate other)
        {
            if (Math.Abs(Error - other.Error) > Epsilon) return Error < other.Error;
            var vcoDistance = Math.Abs(Vco - VcoPreferredMhz);
            var otherVcoDistance = Math.Abs(other.Vco - VcoPreferredMhz);
            if (Math.Abs(vcoDistance - otherVcoDistance) > Epsilon) return vcoDistance < otherVcoDistance;
            if (ClkiDiv != other.ClkiDiv) return ClkiDiv < other.ClkiDiv;
            return ClkfbDiv < other.ClkfbDiv;
        }
    }
}
