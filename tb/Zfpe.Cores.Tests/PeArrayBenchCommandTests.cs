using System.Globalization;
using System.Text.RegularExpressions;
using Zfpe.TestSupport;

namespace Zfpe.Cores.Tests;

/// <summary>`zfpe bench pe-array` runs a layer through the simulated array, checks every result and prints the multiply-adds per cycle.</summary>
public sealed class PeArrayBenchCommandTests
{
    [Fact]
    public void It_prints_the_multiply_adds_per_cycle_of_a_layer_it_checked_bit_for_bit()
    {
        var r = ZfpeCli.InRepository("bench", "pe-array", "--set", "pes=3", "--set", "outputs-per-pe=4", "--set", "batch-tile=8",
            "--outputs", "30", "--inputs", "40", "--batch", "11");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("results: all 480 bit-exact with the dense-layer reference", r.Stdout);  // 30 outputs x 2 batch tiles of 8 rows (padding rows included)
        // 3 PEs x 4 outputs = 12 per tile: 3 output tiles x 2 batch tiles x 12 x 8 rows x 40 inputs
        Assert.Contains("23,040 multiply-adds (padding included)", r.Stdout);
        var m = Regex.Match(r.Stdout, @"macs_per_cycle=([0-9.]+) per_pe=([0-9.]+) \(vs the ideal: 1 per PE every cycle\) vs_bound=([0-9.]+)");
        Assert.True(m.Success, r.Stdout);
        var perCycle = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(perCycle, 0.5, 3.0);
        var perPe = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(perCycle / 3 - perPe) <= 0.001, $"per_pe={perPe} is not macs_per_cycle={perCycle} / 3 (both printed to 3 decimals)");
        Assert.InRange(double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), 0.8, 1.1);  // near the documented bound
    }

    [Fact]
    public void A_layer_too_large_for_the_output_counter_is_refused_with_the_range()
    {
        var r = ZfpeCli.InRepository("bench", "pe-array", "--outputs", "70000");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--outputs = 70000 is out of range: allowed 1..65535", r.Stderr);
        var big = ZfpeCli.InRepository("bench", "pe-array", "--outputs", "65535", "--inputs", "1048576");
        Assert.Equal(2, big.ExitCode);
        Assert.Contains("at most 67,108,864 weights", big.Stderr);
    }
}
