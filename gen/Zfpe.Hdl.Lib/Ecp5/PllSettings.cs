using System.Globalization;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// A solved configuration of the ECP5 EHXPLLL: dividers, phase counters and the frequencies they
/// achieve. Feedback is taken from CLKOP, so VCO = PFD × CLKFB_DIV × CLKOP_DIV and
/// CLKOP = PFD × CLKFB_DIV. Produced by <see cref="PllSolver"/>.
/// </summary>
public sealed record PllSettings(
    double InputMhz,
    int ClkiDiv,
    int ClkfbDiv,
    double PfdMhz,
    double VcoMhz,
    IReadOnlyList<PllSettings.Output> Outputs)
{
    /// <summary>One enabled output: CLKOP (the primary, index 0), CLKOS, CLKOS2 or CLKOS3.</summary>
    /// <param name="Name">The EHXPLLL port name.</param>
    /// <param name="Divider">CLKOx_DIV: VCO cycles per output cycle.</param>
    /// <param name="CoarsePhase">CLKOx_CPHASE: Divider - 1 for 0°, plus the shift in whole VCO cycles.</param>
    /// <param name="FinePhase">CLKOx_FPHASE: the remaining shift in eighths of a VCO cycle.</param>
    public sealed record Output(
        string Name,
        int Divider,
        int CoarsePhase,
        int FinePhase,
        double RequestedMhz,
        double AchievedMhz,
        double RequestedPhaseDegrees,
        double AchievedPhaseDegrees)
    {
        public double ErrorMhz => AchievedMhz - RequestedMhz;
    }

    /// <summary>CLKOP, the output that also closes the feedback loop.</summary>
    public Output Primary => Outputs[0];

    /// <summary>The primary output's frequency as built (may differ from the request).</summary>
    public double AchievedMhz => Primary.AchievedMhz;

    /// <summary>
    /// The EHXPLLL parameters that realise these settings, in the order a Verilog instance
    /// lists them. Values are <see cref="int"/> or <see cref="string"/>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object>> PrimitiveParameters()
    {
        var p = new List<KeyValuePair<string, object>>
        {
            new("CLKI_DIV", ClkiDiv),
            new("CLKFB_DIV", ClkfbDiv),
            new("FEEDBK_PATH", "CLKOP"),
        };
        foreach (var o in Outputs)
        {
            var prefix = o.Name; // CLKOP, CLKOS, CLKOS2, CLKOS3 are also the parameter prefixes
            p.Add(new($"{prefix}_ENABLE", "ENABLED"));
            p.Add(new($"{prefix}_DIV", o.Divider));
            p.Add(new($"{prefix}_CPHASE", o.CoarsePhase));
            p.Add(new($"{prefix}_FPHASE", o.FinePhase));
        }
        return p;
    }

    /// <summary>One line per output, for logs and reports.</summary>
    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Format(c, "EHXPLLL: input {0:0.###} MHz, CLKI_DIV {1}, PFD {2:0.###} MHz, CLKFB_DIV {3}, VCO {4:0.###} MHz",
                InputMhz, ClkiDiv, PfdMhz, ClkfbDiv, VcoMhz),
        };
        foreach (var o in Outputs)
        {
            lines.Add(string.Format(c,
                "  {0}: DIV {1}, CPHASE {2}, FPHASE {3} -> {4:0.######} MHz (requested {5:0.######}, error {6:+0.######;-0.######;0}) at {7:0.##} deg",
                o.Name, o.Divider, o.CoarsePhase, o.FinePhase, o.AchievedMhz, o.RequestedMhz, o.ErrorMhz, o.AchievedPhaseDegrees));
        }
        return string.Join(Environment.NewLine, lines);
    }
}
