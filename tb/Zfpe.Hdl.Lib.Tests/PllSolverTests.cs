using Zfpe.Hdl.Lib.Ecp5;

namespace Zfpe.Hdl.Lib.Tests;

public class PllSolverTests
{
    [Theory]
    [InlineData(100, 1, 4, 6, 600)]
    [InlineData(125, 1, 5, 5, 625)]
    public void Solving_from_25_MHz_gives_the_documented_dividers_and_vco(double output, int clki, int clkfb, int clkop, double vco)
    {
        var s = PllSolver.Solve(25, output);
        Assert.Equal((clki, clkfb, clkop), (s.ClkiDiv, s.ClkfbDiv, s.Primary.Divider));
        Assert.Equal(vco, s.VcoMhz, 9);
        Assert.Equal(output, s.AchievedMhz, 9);
    }

    [Fact]
    public void The_primary_phase_counter_follows_the_lattice_zero_degree_convention()
    {
        var s = PllSolver.Solve(25, 100);
        Assert.Equal(s.Primary.Divider - 1, s.Primary.CoarsePhase);
        Assert.Equal(0, s.Primary.FinePhase);
        var p = s.PrimitiveParameters().ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(1, p["CLKI_DIV"]);
        Assert.Equal(4, p["CLKFB_DIV"]);
        Assert.Equal(6, p["CLKOP_DIV"]);
        Assert.Equal(5, p["CLKOP_CPHASE"]);
        Assert.Equal("CLKOP", p["FEEDBK_PATH"]);
    }

    [Theory]
    [InlineData(25, 100)]
    [InlineData(25, 125)]
    [InlineData(25, 48)]
    [InlineData(25, 33.333)]
    [InlineData(25, 3.2)]
    [InlineData(25, 400)]
    [InlineData(12, 96)]
    [InlineData(100, 65.5)]
    [InlineData(8, 399)]
    public void Every_solution_respects_the_ecp5_limits_and_its_own_arithmetic(double input, double output)
    {
        var s = PllSolver.Solve(input, output);
        Assert.InRange(s.ClkiDiv, 1, PllSolver.DividerMax);
        Assert.InRange(s.ClkfbDiv, 1, PllSolver.DividerMax);
        Assert.InRange(s.Primary.Divider, 1, PllSolver.DividerMax);
        Assert.Equal(input / s.ClkiDiv, s.PfdMhz, 9);
        Assert.InRange(s.PfdMhz, PllSolver.PfdMinMhz, PllSolver.PfdMaxMhz);
        Assert.InRange(s.VcoMhz, PllSolver.VcoMinMhz - 1e-9, PllSolver.VcoMaxMhz + 1e-9);
        Assert.Equal(s.PfdMhz * s.ClkfbDiv * s.Primary.Divider, s.VcoMhz, 9);
        Assert.Equal(s.VcoMhz / s.Primary.Divider, s.AchievedMhz, 9);
        Assert.InRange(s.AchievedMhz, PllSolver.OutputMinMhz, PllSolver.OutputMaxMhz);
    }

    [Theory]
    [InlineData(25, 33.333)]
    [InlineData(25, 47.123)]
    [InlineData(12, 97.3)]
    public void No_setting_in_the_search_space_is_closer_than_the_one_chosen(double input, double output)
    {
        // An independent brute force over the raw dividers, with no pruning.
        var bestError = double.MaxValue;
        for (var i = 1; i <= 128; i++)
            for (var fb = 1; fb <= 128; fb++)
                for (var op = 1; op <= 128; op++)
                {
                    var pfd = input / i;
                    var fout = pfd * fb;
                    var vco = fout * op;
                    if (pfd < 3.125 || pfd > 400 || vco < 400 || vco > 800 || fout > 400) continue;
                    bestError = Math.Min(bestError, Math.Abs(fout - output));
                }
        var s = PllSolver.Solve(input, output);
        Assert.Equal(bestError, Math.Abs(s.Primary.ErrorMhz), 9);
    }

    [Fact]
    public void A_secondary_output_at_180_degrees_shares_the_vco_and_counts_the_shift_in_vco_cycles()
    {
        var s = PllSolver.Solve(25, 100, [new PllSolver.SecondaryRequest(100, 180)]);
        var clkos = s.Outputs[1];
        Assert.Equal("CLKOS", clkos.Name);
        Assert.Equal(6, clkos.Divider);
        Assert.Equal(100, clkos.AchievedMhz, 9);
        Assert.Equal(6 - 1 + 3, clkos.CoarsePhase); // half of 6 VCO cycles
        Assert.Equal(0, clkos.FinePhase);
        Assert.Equal(180, clkos.AchievedPhaseDegrees, 9);
    }

    [Fact]
    public void A_secondary_phase_between_vco_cycles_uses_the_fine_counter()
    {
        var s = PllSolver.Solve(25, 100, [new PllSolver.SecondaryRequest(50, 45)]);
        var clkos = s.Outputs[1];
        Assert.Equal(12, clkos.Divider);
        // 45° of 12 VCO cycles = 1.5 cycles = 1 coarse + 4 eighths.
        Assert.Equal(12 - 1 + 1, clkos.CoarsePhase);
        Assert.Equal(4, clkos.FinePhase);
        Assert.Equal(45, clkos.AchievedPhaseDegrees, 9);
    }

    [Fact]
    public void An_inexact_request_reports_the_achieved_frequency_and_its_error()
    {
        var s = PllSolver.Solve(25, 33.333);
        Assert.NotEqual(33.333, s.AchievedMhz);
        Assert.Equal(s.AchievedMhz - 33.333, s.Primary.ErrorMhz, 12);
        Assert.Contains("requested 33.333", s.Describe());
    }

    [Fact]
    public void An_output_above_400_MHz_is_an_error_naming_the_limit()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PllSolver.Solve(25, 450));
        TextAssert.ContainsAll(e.Message,
            "400 MHz",
            "450");
    }

    [Fact]
    public void An_output_below_the_minimum_is_an_error_naming_the_limit()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PllSolver.Solve(25, 1));
        Assert.Contains("3.125 MHz", e.Message);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(500)]
    public void An_input_outside_the_pll_input_range_is_an_error_naming_the_range(double input)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PllSolver.Solve(input, 100));
        Assert.Contains("8-400 MHz", e.Message);
    }

    [Fact]
    public void A_result_outside_the_allowed_error_is_an_error_naming_both_frequencies()
    {
        var e = Assert.Throws<ArgumentException>(() => PllSolver.Solve(25, 33.333, maxErrorMhz: 0.0001));
        TextAssert.ContainsAll(e.Message,
            "33.333",
            "0.0001");
    }

    [Fact]
    public void More_than_three_secondary_outputs_are_rejected()
    {
        var four = Enumerable.Repeat(new PllSolver.SecondaryRequest(50), 4).ToArray();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PllSolver.Solve(25, 100, four));
        Assert.Contains("CLKOS3", e.Message);
    }
}
