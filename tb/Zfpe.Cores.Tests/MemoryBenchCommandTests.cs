using System.Globalization;
using System.Text.RegularExpressions;
using Zfpe.TestSupport;

namespace Zfpe.Cores.Tests;

/// <summary>`zfpe bench memory` runs the simulated memory system on its two patterns beside the authors' scheme and ends with the two figures.</summary>
public sealed class MemoryBenchCommandTests
{
    [Fact]
    public void It_ends_with_the_sequential_words_per_cycle_and_the_ratio_to_the_authors_scheme()
    {
        var r = ZfpeCli.InRepository("bench", "memory", "--words", "4096");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("sequential reads (runs on port 0): 4,096 words in", r.Stdout);
        Assert.Contains("mixed (ports 0, 1 read, port 2 writes): 12,288 words in", r.Stdout);
        var lines = r.Stdout.TrimEnd().Split('\n');
        var m = Regex.Match(lines[^1], @"^sequential_words_per_cycle=([0-9.]+) mixed_vs_authors=([0-9.]+)$");
        Assert.True(m.Success, r.Stdout);
        Assert.InRange(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), 0.8, 1.0);
        Assert.InRange(double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), 4.0, 10.0);
        var authors = Regex.Match(r.Stdout, @"authors' scheme \(one BL1 request in flight\) [0-9,]+ cycles = [0-9.]+ words/cycle \(([0-9.]+) cycles/word\)");
        Assert.True(authors.Success, r.Stdout);
        Assert.InRange(double.Parse(authors.Groups[1].Value, CultureInfo.InvariantCulture), 6.0, 8.0);      // about 6 cycles a word, as the issue says of their controller
    }

    [Fact]
    public void Too_few_words_or_ports_are_refused_with_the_range()
    {
        var r = ZfpeCli.InRepository("bench", "memory", "--words", "10");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--words = 10 is out of range: allowed 64..4194304", r.Stderr);
        var two = ZfpeCli.InRepository("bench", "memory", "--set", "ports=2");
        Assert.Equal(2, two.ExitCode);
        Assert.Contains("needs at least 3 ports", two.Stderr);
    }
}
